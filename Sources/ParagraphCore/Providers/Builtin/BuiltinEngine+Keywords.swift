extension BuiltinEngine {
    /// Picks `count` keywords, clamped to `keywordCountRange`, by weighted term
    /// frequency.
    ///
    /// Title words weigh 3 per occurrence, heading words 2 and words in paragraphs and
    /// table cells 1. Code, HTML, link destinations and Hugo shortcodes are not counted,
    /// and stopwords are dropped: English always, plus German, French, Spanish or Polish
    /// when `language` (a code such as "de" or "pl-PL") names one. For English, a plural
    /// and its singular count as one term. Ties go to the term that appears first, then
    /// to the alphabetically first. The terms are lowercase.
    ///
    /// - Returns: fewer than three keywords only when the text has fewer distinct terms.
    /// - Note: Terms are split at spaces and punctuation, so text in languages written
    ///   without spaces, such as Chinese or Japanese, yields whole phrases as terms.
    public func keywords(document: MarkdownDocument, title: String?, language: String, count: Int = 5) -> [String] {
        let limit = min(max(count, Self.keywordCountRange.lowerBound), Self.keywordCountRange.upperBound)
        var counter = KeywordCounter(stopwords: Stopwords.words(forLanguage: language))
        if let title {
            counter.add(title, weight: 3)
        }

        var filter = HugoShortcodeFilter()
        document.root.walk { node in
            switch node.kind {
            case .heading:
                counter.add(filter.plainText(from: node.textFragments), weight: 2)
                return .skipChildren
            case .paragraph, .tableCell:
                counter.add(filter.plainText(from: node.textFragments), weight: 1)
                return .skipChildren
            case .codeBlock, .htmlBlock:
                return .skipChildren
            default:
                return .visitChildren
            }
        }

        let primaryLanguage = Stopwords.primaryLanguage(language)
        if primaryLanguage == "en" || primaryLanguage.isEmpty {
            counter.mergeEnglishPlurals()
        }
        return Array(counter.ranked().prefix(limit))
    }
}
