/// A problem in YAML text, located by line and column within that text.
public enum YAMLError: Error, Sendable, Equatable {
    /// libyaml rejected the text.
    case syntax(message: String, location: SourceLocation)
    case duplicateKey(key: String, location: SourceLocation, first: SourceLocation)
    case aliasExpansionTooLarge(limit: Int, location: SourceLocation)
    case undefinedAlias(name: String, location: SourceLocation)
    case invalidMerge(location: SourceLocation)

    public var location: SourceLocation {
        switch self {
        case .syntax(_, let location), .duplicateKey(_, let location, _),
             .aliasExpansionTooLarge(_, let location), .undefinedAlias(_, let location),
             .invalidMerge(let location):
            return location
        }
    }

    public var message: String {
        switch self {
        case .syntax(let message, _):
            return message
        case .duplicateKey(let key, _, let first):
            return "duplicate key \"\(key)\", first defined on line \(first.line); remove or rename one of them"
        case .aliasExpansionTooLarge(let limit, _):
            return "aliases expand to more than \(limit) nodes; this looks like an alias bomb, so the document is rejected"
        case .undefinedAlias(let name, _):
            return "alias *\(name) refers to no anchor defined before it; define &\(name) first"
        case .invalidMerge:
            return "a merge key (<<) must be followed by a mapping or a list of mappings"
        }
    }

    public func diagnostic(path: String) -> Diagnostic {
        Diagnostic(path: path, location: location, message: message)
    }
}
