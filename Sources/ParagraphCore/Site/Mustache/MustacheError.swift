/// A problem found while parsing or rendering a Mustache template.
///
/// Parse errors carry the line and column, in the template's source, of the tag at fault.
public indirect enum MustacheError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A tag opened at `location` has no `closingDelimiter` after it.
    case unclosedTag(closingDelimiter: String, location: SourceLocation)
    /// A tag name is empty, contains whitespace, or is a dotted name with an empty part.
    case invalidTagName(name: String, location: SourceLocation)
    /// A set-delimiter tag does not hold exactly two delimiters separated by whitespace.
    case invalidDelimiters(content: String, location: SourceLocation)
    /// A section, inverted section, parent or block opened at `location` is never closed.
    case unclosedSection(name: String, location: SourceLocation)
    /// A closing tag at `location` closes nothing.
    case unexpectedClosingTag(name: String, location: SourceLocation)
    /// A closing tag at `location` names `found`, but the innermost open section is `expected`.
    case mismatchedClosingTag(expected: String, opened: SourceLocation, found: String, location: SourceLocation)
    /// The partial or parent template `name` failed to parse.
    case invalidPartial(name: String, error: MustacheError)
    /// Including `name` would nest partials and parents more than `limit` levels deep,
    /// which usually means a partial includes itself with no section to stop it.
    case partialDepthExceeded(name: String, limit: Int)

    /// The position of the fault in the template that contains it, or `nil` for rendering errors.
    ///
    /// For `invalidPartial` this is a position in the partial, not in the template that includes it.
    public var location: SourceLocation? {
        switch self {
        case .unclosedTag(_, let location), .invalidTagName(_, let location),
             .invalidDelimiters(_, let location), .unclosedSection(_, let location),
             .unexpectedClosingTag(_, let location), .mismatchedClosingTag(_, _, _, let location):
            return location
        case .invalidPartial(_, let error):
            return error.location
        case .partialDepthExceeded:
            return nil
        }
    }

    /// A one-line explanation of the fault and its fix, without the location.
    public var message: String {
        switch self {
        case .unclosedTag(let closingDelimiter, _):
            return "tag is not closed; add \"\(closingDelimiter)\" after its name"
        case .invalidTagName(let name, _) where name.isEmpty:
            return "tag has no name; write a name between the delimiters"
        case .invalidTagName(let name, _):
            return "invalid tag name \"\(name)\"; remove the whitespace or the empty part between dots"
        case .invalidDelimiters(let content, _):
            return "invalid set-delimiter tag \"\(content)\"; "
                + "write two delimiters without \"=\", separated by a space, as in {{=<% %>=}}"
        case .unclosedSection(let name, _):
            return "section \"\(name)\" is never closed; add a closing tag for \"\(name)\""
        case .unexpectedClosingTag(let name, _):
            return "closing tag \"\(name)\" has no matching opening tag; remove it or open \"\(name)\" before it"
        case .mismatchedClosingTag(let expected, let opened, let found, _):
            return "closing tag \"\(found)\" does not match section \"\(expected)\" opened at \(opened); "
                + "close \"\(expected)\" first"
        case .invalidPartial(let name, let error):
            return "in partial \"\(name)\": \(error.description)"
        case .partialDepthExceeded(let name, let limit):
            return "partial \"\(name)\" is nested more than \(limit) levels deep; "
                + "check that no partial includes itself outside a section that ends the recursion"
        }
    }

    /// The text `line:column: message`, or only the message when there is no location.
    public var description: String {
        switch self {
        case .invalidPartial, .partialDepthExceeded:
            return message
        default:
            guard let location else { return message }
            return "\(location): \(message)"
        }
    }

    /// Converts the error into a diagnostic for the template file at `path`.
    ///
    /// An error inside a partial keeps its partial's name and position in the message and
    /// has no location of its own, because that position is not in the file at `path`.
    public func diagnostic(path: String) -> Diagnostic {
        switch self {
        case .invalidPartial, .partialDepthExceeded:
            return Diagnostic(path: path, location: nil, message: message)
        default:
            return Diagnostic(path: path, location: location, message: message)
        }
    }
}
