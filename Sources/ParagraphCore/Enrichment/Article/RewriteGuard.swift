import Foundation

/// Checks that a rewritten body keeps the parts of a page a rewrite must not touch:
/// code blocks, Hugo shortcodes, HTML blocks and link targets.
public enum RewriteGuard {
    /// One protected part of a body, compared by kind and exact text.
    public struct Element: Hashable, Sendable, CustomStringConvertible {
        public enum Kind: String, Sendable {
            case codeBlock = "code block"
            case shortcode
            case htmlBlock = "HTML block"
            case linkTarget = "link target"
        }

        public var kind: Kind
        public var text: String

        public var description: String {
            let excerpt = text.count > 80 ? String(text.prefix(77)) + "..." : text
            return "\(kind.rawValue): \(excerpt.replacingOccurrences(of: "\n", with: "\\n"))"
        }
    }

    /// Collects the protected elements of a Markdown body, with repeats counted.
    public static func elements(of body: String) -> [Element: Int] {
        var counts: [Element: Int] = [:]
        func add(_ kind: Element.Kind, _ text: String) {
            counts[Element(kind: kind, text: text), default: 0] += 1
        }

        let document = (try? MarkdownDocument(parsing: body)) ?? (try! MarkdownDocument(parsing: ""))
        document.root.walk { node in
            switch node.kind {
            case .codeBlock(let info, let code):
                add(.codeBlock, (info.isEmpty ? "" : info + "\n") + code)
                return .skipChildren
            case .htmlBlock(let html):
                add(.htmlBlock, html.trimmingCharacters(in: .whitespacesAndNewlines))
                return .skipChildren
            case .link(let destination, _):
                add(.linkTarget, destination)
                return .visitChildren
            case .image(let source, _):
                add(.linkTarget, source)
                return .visitChildren
            default:
                return .visitChildren
            }
        }
        for shortcode in shortcodes(in: body) {
            add(.shortcode, shortcode)
        }
        return counts
    }

    /// Returns the protected elements of `old` that `new` lacks or changed, one entry per missing copy.
    public static func violations(old: String, new: String) -> [Element] {
        let before = elements(of: old)
        let after = elements(of: new)
        var missing: [Element] = []
        for (element, count) in before.sorted(by: { $0.key.description < $1.key.description }) {
            let remaining = after[element] ?? 0
            if remaining < count {
                missing += Array(repeating: element, count: count - remaining)
            }
        }
        return missing
    }

    /// Finds every `{{< … >}}` and `{{% … %}}` in the text, including closing tags, as written.
    static func shortcodes(in text: String) -> [String] {
        var result: [String] = []
        var searchStart = text.startIndex
        while let open = text.range(of: "{{", range: searchStart..<text.endIndex) {
            let afterOpen = open.upperBound
            guard afterOpen < text.endIndex, text[afterOpen] == "<" || text[afterOpen] == "%" else {
                searchStart = afterOpen
                continue
            }
            let closing = text[afterOpen] == "<" ? ">}}" : "%}}"
            guard let close = text.range(of: closing, range: afterOpen..<text.endIndex) else { break }
            result.append(String(text[open.lowerBound..<close.upperBound]))
            searchStart = close.upperBound
        }
        return result
    }
}
