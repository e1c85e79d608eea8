extension BuiltinEngine {
    // Words that read as cut off at the end of a shortened English title.
    private static let danglingWords: Set<String> = [
        "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "by", "for",
        "from", "with", "into", "onto", "about", "as", "vs", "via", "&", "+",
    ]
    // Separators between a title and a site or series name, in order of preference.
    private static let titleSeparators = [" | ", " \u{2014} ", " \u{2013} ", " - ", " \u{00B7} ", ": "]

    /// Returns an SEO title of at most `maxTitleLength` characters, or nil when `title`
    /// is present and fits.
    ///
    /// A missing or blank title is replaced by `firstHeading`, then by a title made from
    /// `fileName`, then by "Untitled". A title that is too long is cut at a separator
    /// such as " | " when the part before it is at least 20 characters long, and
    /// otherwise at a word boundary. The result never ends in punctuation, a separator
    /// or a dangling English word such as "the" or "and".
    public func seoTitle(title: String?, firstHeading: String?, fileName: String) -> String? {
        if let title = ProseText.nonEmpty(title) {
            return title.count > Self.maxTitleLength ? shortenedTitle(title) : nil
        }
        let candidate = ProseText.nonEmpty(firstHeading)
            ?? FileNameText.title(fromFileName: fileName)
            ?? "Untitled"
        return shortenedTitle(candidate)
    }

    /// Shortens `title` to `maxTitleLength` characters, or returns it unchanged when it fits.
    func shortenedTitle(_ title: String) -> String {
        let limit = Self.maxTitleLength
        guard title.count > limit else { return title }

        let characters = Array(title)
        for separator in Self.titleSeparators {
            let pattern = Array(separator)
            var best: Int?
            var index = 0
            while index + pattern.count <= characters.count, index <= limit {
                if Array(characters[index..<(index + pattern.count)]) == pattern {
                    best = index
                }
                index += 1
            }
            if let best, best >= 20 {
                return ProseText.trimmingTrailingSeparators(String(characters[..<best]))
            }
        }

        let cut = ProseText.truncatedAtWord(title, limit: limit, ellipsis: false)
        return removingDanglingEnd(cut)
    }

    private func removingDanglingEnd(_ text: String) -> String {
        var words = text.split(separator: " ").map(String.init)
        while words.count > 1, let last = words.last, Self.danglingWords.contains(last.lowercased()) {
            words.removeLast()
        }
        var result = ProseText.trimmingTrailingSeparators(words.joined(separator: " "))

        // Drop an opening bracket whose closing bracket was cut off, with the words after it.
        if let open = result.lastIndex(of: "("), !result[open...].contains(")"), open != result.startIndex {
            result = ProseText.trimmingTrailingSeparators(String(result[..<open]))
        }
        return result.isEmpty ? ProseText.truncatedAtWord(text, limit: Self.maxTitleLength, ellipsis: false) : result
    }
}
