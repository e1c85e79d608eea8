import Foundation

/// Process-wide state handed to the library, so tests can run commands in parallel
/// with their own environment, folder, clock and output.
public struct RunContext: Sendable {
    public var environment: [String: String]
    public var currentDirectory: URL
    public var now: Date
    public var standardOutputIsTerminal: Bool
    public var standardErrorIsTerminal: Bool
    public var output: @Sendable (String) -> Void
    public var errorOutput: @Sendable (String) -> Void

    public init(
        environment: [String: String], currentDirectory: URL, now: Date,
        standardOutputIsTerminal: Bool = false, standardErrorIsTerminal: Bool = false,
        output: @escaping @Sendable (String) -> Void, errorOutput: @escaping @Sendable (String) -> Void
    ) {
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.now = now
        self.standardOutputIsTerminal = standardOutputIsTerminal
        self.standardErrorIsTerminal = standardErrorIsTerminal
        self.output = output
        self.errorOutput = errorOutput
    }

    /// Write a line to standard output.
    public func print(_ line: String) { output(line + "\n") }

    /// Write a line to standard error.
    public func printError(_ line: String) { errorOutput(line + "\n") }

    /// Whether GitHub Actions runs the tool, so problems can also be printed as annotations.
    public var isGitHubActions: Bool { environment["GITHUB_ACTIONS"] == "true" }

    /// Report a diagnostic on standard error, as a GitHub Actions annotation too when running there.
    public func report(_ diagnostic: Diagnostic) {
        printError(diagnostic.description)
        guard isGitHubActions else { return }
        var properties = "file=\(Self.escapeAnnotationProperty(diagnostic.path))"
        if let location = diagnostic.location {
            properties += ",line=\(location.line),col=\(location.column)"
        }
        let command = diagnostic.severity == .warning ? "warning" : "error"
        output("::\(command) \(properties)::\(Self.escapeAnnotationData(diagnostic.message))\n")
    }

    private static func escapeAnnotationData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    private static func escapeAnnotationProperty(_ text: String) -> String {
        escapeAnnotationData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
