/// A Markdown text parsed by cmark-gfm with GitHub's extensions: tables,
/// strikethrough, autolinks, task lists and footnotes.
///
/// Parsing never fails on the text itself, because every string is valid Markdown.
/// The document is an immutable value that can be shared across tasks.
public struct MarkdownDocument: Sendable {
    /// The Markdown text, without front matter.
    public let source: String
    /// The number of lines before `source` in its file, added to every node's line.
    public let lineOffset: Int
    let tree: MarkdownTree

    /// Parses `source`.
    ///
    /// - Parameter lineOffset: the number of lines that precede the Markdown text in
    ///   its file, such as the front matter, so that node locations match the file.
    /// - Throws: `MarkdownError` only when the cmark-gfm installation is broken.
    public init(parsing source: String, lineOffset: Int = 0) throws(MarkdownError) {
        self.source = source
        self.lineOffset = lineOffset
        self.tree = try MarkdownCmark.parse(source, lineOffset: lineOffset)
    }

    /// The document node, whose children are the top-level blocks.
    public var root: MarkdownNode { tree.root }

    /// The first heading of any level, in document order.
    public var firstHeading: MarkdownNode? {
        root.firstDescendant { node in
            if case .heading = node.kind { return true }
            return false
        }
    }

    /// Renders the document as HTML with cmark-gfm's renderer and the same extensions.
    ///
    /// - Parameter rawHTML: whether HTML written in the Markdown is passed through.
    ///   When false, cmark-gfm writes `<!-- raw HTML omitted -->` in its place and drops
    ///   unsafe link destinations such as `javascript:`. When true, the tag filter
    ///   extension still escapes tags such as `<script>` and `<iframe>`.
    public func renderHTML(rawHTML: Bool) -> String {
        do {
            return try MarkdownCmark.renderHTML(source, rawHTML: rawHTML)
        } catch {
            // Initialization parsed the same text with the same extensions, and cmark-gfm
            // aborts instead of returning null when memory runs out.
            preconditionFailure(error.message)
        }
    }
}
