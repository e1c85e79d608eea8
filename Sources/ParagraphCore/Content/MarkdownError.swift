/// A failure of the cmark-gfm library itself, never of the Markdown text: cmark-gfm
/// accepts every input.
public enum MarkdownError: Error, Sendable, Equatable {
    /// The installed libcmark-gfm-extensions does not provide a syntax extension that
    /// Paragraph parses with.
    case extensionNotFound(name: String)
    /// A cmark-gfm call returned a null pointer, so the named step produced no result.
    case libraryCallFailed(step: String)

    /// A one-line description of the failure and the next step.
    public var message: String {
        switch self {
        case .extensionNotFound(let name):
            return "cmark-gfm has no syntax extension named \"\(name)\"; install libcmark-gfm-extensions 0.29 or later"
        case .libraryCallFailed(let step):
            return "cmark-gfm failed to \(step); check that libcmark-gfm is installed correctly and memory is not exhausted"
        }
    }
}
