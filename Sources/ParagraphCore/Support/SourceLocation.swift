/// A position in a source file, 1-based, with the column counted in characters.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// One problem found in a file, printed as `path:line:column: message`.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case error
        case warning
    }

    public var path: String
    public var location: SourceLocation?
    public var message: String
    public var severity: Severity

    public init(path: String, location: SourceLocation?, message: String, severity: Severity = .error) {
        self.path = path
        self.location = location
        self.message = message
        self.severity = severity
    }

    public var description: String {
        let prefix = severity == .warning ? "warning: " : ""
        let path = self.path.escapingControlCharacters()
        let message = self.message.escapingControlCharacters()
        if let location {
            return "\(path):\(location.line):\(location.column): \(prefix)\(message)"
        }
        return "\(path): \(prefix)\(message)"
    }
}
