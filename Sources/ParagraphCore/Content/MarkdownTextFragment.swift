/// A piece of the text content of a Markdown node, in document order.
public enum MarkdownTextFragment: Sendable, Hashable {
    /// Text that a reader sees: text nodes, code spans and the text of links, with
    /// entities such as `&amp;` already decoded by cmark-gfm.
    case text(String)
    /// Raw HTML written inside a paragraph or heading, such as `<b>` or `<!-- x -->`.
    case inlineHTML(String)
    /// A soft or hard line break, or the boundary between two blocks.
    case lineBreak
}

extension MarkdownNode {
    /// The text content of the node and its descendants.
    ///
    /// Link destinations, images with their alt text, footnote references, code blocks
    /// and HTML blocks are left out. Emphasis and other inline markup contribute only
    /// their text. For an image node itself, the fragments are its alt text.
    public var textFragments: [MarkdownTextFragment] {
        var fragments: [MarkdownTextFragment] = []
        switch kind {
        case .text(let text), .code(let text):
            return [.text(text)]
        case .inlineHTML(let html):
            return [.inlineHTML(html)]
        case .softBreak, .lineBreak:
            return [.lineBreak]
        default:
            break
        }

        walk { node in
            switch node.kind {
            case .text(let text), .code(let text):
                fragments.append(.text(text))
            case .inlineHTML(let html):
                fragments.append(.inlineHTML(html))
            case .softBreak, .lineBreak:
                fragments.append(.lineBreak)
            case .image, .footnoteReference, .codeBlock, .htmlBlock:
                return .skipChildren
            default:
                if node.kind.isBlock, let last = fragments.last, last != .lineBreak {
                    fragments.append(.lineBreak)
                }
            }
            return .visitChildren
        }
        return fragments
    }

    /// The text content as one string: the `.text` fragments, with each line break or
    /// block boundary as a space and raw HTML left out. Whitespace is not collapsed.
    public var plainText: String {
        var result = ""
        for fragment in textFragments {
            switch fragment {
            case .text(let text):
                result += text
            case .lineBreak:
                result += " "
            case .inlineHTML:
                continue
            }
        }
        return result
    }
}
