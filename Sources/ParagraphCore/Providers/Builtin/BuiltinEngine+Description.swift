extension BuiltinEngine {
    /// Writes a meta description of at most `maxDescriptionLength` characters from the
    /// first paragraph of prose in `document`.
    ///
    /// Headings, code blocks, tables, HTML blocks, footnotes and paragraphs that are
    /// empty once images, inline HTML and Hugo shortcodes are removed are skipped.
    /// Top-level paragraphs come first; a paragraph inside a list or block quote is used
    /// only when the document has no top-level prose. Link text is kept without its
    /// destination, emphasis is flattened and whitespace is collapsed.
    ///
    /// A longer paragraph is cut after the longest run of whole sentences that fits, if
    /// that run has at least `minSentenceDescriptionLength` characters. Otherwise it is
    /// cut at a word boundary and ends in "…", which counts toward the limit.
    ///
    /// Without prose, the title is used, then a title made from `fileName`
    /// (`my-first_post.md` gives "My first post"), then "Untitled". The result is never
    /// empty.
    public func description(document: MarkdownDocument, title: String?, fileName: String) -> String {
        let limit = Self.maxDescriptionLength
        if let prose = firstProse(in: document) {
            if prose.count <= limit {
                return prose
            }
            if let sentences = ProseText.prefixOfSentences(
                prose, limit: limit, minimum: Self.minSentenceDescriptionLength) {
                return sentences
            }
            return ProseText.truncatedAtWord(prose, limit: limit, ellipsis: true)
        }

        let fallback = ProseText.nonEmpty(title) ?? FileNameText.title(fromFileName: fileName) ?? "Untitled"
        return ProseText.truncatedAtWord(fallback, limit: limit, ellipsis: true)
    }

    /// Returns the collapsed text of the first paragraph that contains words, preferring
    /// top-level paragraphs.
    func firstProse(in document: MarkdownDocument) -> String? {
        var filter = HugoShortcodeFilter()
        var topLevel: String?
        var nested: String?

        document.root.walk { node in
            switch node.kind {
            case .paragraph:
                let text = ProseText.collapsingWhitespace(filter.plainText(from: node.textFragments))
                guard ProseText.containsWords(text) else { return .skipChildren }
                if node.parent?.kind == .document {
                    topLevel = text
                    return .stop
                }
                if nested == nil {
                    nested = text
                }
                return .skipChildren
            case .heading, .codeBlock, .htmlBlock, .table, .footnoteDefinition:
                return .skipChildren
            default:
                return .visitChildren
            }
        }
        return topLevel ?? nested
    }
}
