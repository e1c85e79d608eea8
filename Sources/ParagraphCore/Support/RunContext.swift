import Foundation

/// Process-wide state handed to the library, so tests can run commands in parallel
/// with their own environment, folder, clock and output.
public struct RunContext: Sendable {
    public var environment: [String: String]
    public var currentDirectory: URL
    public var now: Date
    public var standardOutputIsTerminal: Bool
    public var standardErrorIsTerminal: Bool
    /// Writes to standard output, after `redactor` has replaced every known secret.
    public var output: @Sendable (String) -> Void
    /// Writes to standard error, after `redactor` has replaced every known secret.
    public var errorOutput: @Sendable (String) -> Void
    /// Whether standard output is a regular file, where a `::add-mask::` line would store the key it masks.
    public var standardOutputIsRegularFile: Bool
    /// Reads a secret from a no-echo prompt when standard input is a terminal, else from
    /// standard input; nil when there is no input. The argument is the prompt.
    public var readSecret: @Sendable (String) -> SecretBytes?
    /// The secrets scrubbed from all output; shared by every copy of this context.
    public let redactor: Redactor
    private let unredactedOutput: @Sendable (String) -> Void

    /// Wrap `output` and `errorOutput` in `redactor`, and register `PARAGRAPH_SECRET_KEY`
    /// with it when the environment has one.
    public init(
        environment: [String: String], currentDirectory: URL, now: Date,
        standardOutputIsTerminal: Bool = false, standardErrorIsTerminal: Bool = false,
        output: @escaping @Sendable (String) -> Void, errorOutput: @escaping @Sendable (String) -> Void,
        standardOutputIsRegularFile: Bool = false,
        readSecret: @escaping @Sendable (String) -> SecretBytes? = { _ in nil },
        redactor: Redactor = Redactor()
    ) {
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.now = now
        self.standardOutputIsTerminal = standardOutputIsTerminal
        self.standardErrorIsTerminal = standardErrorIsTerminal
        self.output = { output(redactor.redact($0)) }
        self.errorOutput = { errorOutput(redactor.redact($0)) }
        self.standardOutputIsRegularFile = standardOutputIsRegularFile
        self.readSecret = readSecret
        self.redactor = redactor
        self.unredactedOutput = output

        if let secret = environment[SecretKeyStore.environmentVariable]?.trimmingCharacters(in: .whitespacesAndNewlines) {
            redactor.register(SecretBytes(copying: Array(secret.utf8)), mask: "[\(SecretKeyStore.environmentVariable)]")
        }
    }

    /// The environment for a child process: this one without `PARAGRAPH_SECRET_KEY`, which
    /// belongs to this process alone.
    public var childProcessEnvironment: [String: String] {
        environment.filter { $0.key != SecretKeyStore.environmentVariable }
    }

    /// Add an opened provider key to the redactor. Under GitHub Actions, also print
    /// `::add-mask::` for it first, so the runner masks it in the job log, unless standard
    /// output is a regular file, which would then hold the key.
    ///
    /// - Note: The `::add-mask::` line is a `String` copy of the key, which cannot be zeroed.
    public func registerSecret(_ secret: SecretBytes, mask: String) {
        guard redactor.register(secret, mask: mask) else { return }
        guard isGitHubActions && !standardOutputIsRegularFile else { return }
        let text = secret.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        unredactedOutput("::add-mask::\(Self.escapeAnnotationData(text))\n")
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
