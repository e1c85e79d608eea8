extension MarkdownNode {
    /// The kinds of node that cmark-gfm produces with the table, strikethrough,
    /// autolink, task list and footnote extensions.
    public enum Kind: Sendable, Hashable {
        // Blocks.
        case document
        case blockQuote
        case list(ordered: Bool, start: Int, tight: Bool)
        /// A list item. `taskChecked` is nil for a plain item and the state of the check
        /// box for a task list item (`- [x]`).
        case listItem(taskChecked: Bool?)
        case codeBlock(info: String, code: String)
        case htmlBlock(html: String)
        case paragraph
        case heading(level: Int)
        case thematicBreak
        case table
        case tableRow(isHeader: Bool)
        case tableCell
        case footnoteDefinition
        case customBlock

        // Inlines.
        case text(String)
        case softBreak
        case lineBreak
        case code(String)
        case inlineHTML(html: String)
        case emphasis
        case strong
        case strikethrough
        case link(destination: String, title: String)
        case image(source: String, title: String)
        case footnoteReference(label: String)
        case customInline

        /// A node type that this wrapper does not know, under cmark-gfm's name for it.
        case other(name: String)

        /// Whether the node is a block, such as a paragraph, rather than an inline.
        /// Unknown node types count as blocks.
        public var isBlock: Bool {
            switch self {
            case .text, .softBreak, .lineBreak, .code, .inlineHTML, .emphasis, .strong,
                 .strikethrough, .link, .image, .footnoteReference, .customInline:
                return false
            default:
                return true
            }
        }
    }
}
