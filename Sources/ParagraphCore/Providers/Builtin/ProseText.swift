/// Plain-text operations that the built-in engine shares: whitespace cleanup, sentence
/// detection and shortening. Every length and offset counts `Character`s.
enum ProseText {
    /// Characters removed from the end of a shortened text, so that it does not end in
    /// a separator, an opening bracket or a dangling quote.
    static let trailingSeparators: Set<Character> = [
        ",", ";", ":", ".", "-", "\u{2013}", "\u{2014}", "/", "\\", "|", "\u{00B7}", "\u{2022}", "&",
        "(", "[", "{", "\"", "'", "\u{201C}", "\u{2018}", "\u{00AB}", "\u{2026}",
    ]

    private static let sentenceTerminals: Set<Character> = [".", "!", "?", "\u{2026}"]
    // Full-width terminals end a sentence even without a following space, because
    // Chinese and Japanese text puts no space between sentences.
    private static let fullWidthTerminals: Set<Character> = ["\u{3002}", "\u{FF01}", "\u{FF1F}"]
    private static let closingMarks: Set<Character> = [")", "]", "\"", "'", "\u{201D}", "\u{2019}", "\u{00BB}"]
    private static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "fig", "no", "nr", "approx",
        "ca", "cf", "inc", "ltd", "co", "corp", "dept", "vol", "ed", "eds", "p", "pp", "ch", "sec",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]

    /// Replaces every run of whitespace with one space, removes control characters and
    /// zero-width spaces, and trims both ends.
    static func collapsingWhitespace(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for character in text {
            if character.isWhitespace {
                pendingSpace = true
                continue
            }
            if isInvisible(character) {
                continue
            }
            if pendingSpace && !result.isEmpty {
                result.append(" ")
            }
            pendingSpace = false
            result.append(character)
        }
        return result
    }

    /// Returns the collapsed text, or nil when nothing but whitespace is left.
    static func nonEmpty(_ text: String?) -> String? {
        guard let text else { return nil }
        let collapsed = collapsingWhitespace(text)
        return collapsed.isEmpty ? nil : collapsed
    }

    /// Returns whether the text contains at least one letter or digit.
    static func containsWords(_ text: String) -> Bool {
        text.contains { $0.isLetter || $0.isNumber }
    }

    /// Returns the offsets just past each sentence end in `characters`, in order.
    ///
    /// A sentence ends at `.`, `!`, `?` or `…`, plus any closing quotes or brackets,
    /// when whitespace or the end of the text follows and the next word does not start
    /// with a lowercase letter. A period after a single letter (an initial), after a word
    /// with an inner period (`e.g.`) or after a common abbreviation (`Dr.`) ends no
    /// sentence.
    static func sentenceEnds(in characters: [Character]) -> [Int] {
        var ends: [Int] = []
        for index in characters.indices {
            let character = characters[index]
            if fullWidthTerminals.contains(character) {
                ends.append(endAfterClosingMarks(characters, from: index + 1))
                continue
            }
            guard sentenceTerminals.contains(character) else { continue }

            let end = endAfterClosingMarks(characters, from: index + 1)
            guard end == characters.count || characters[end].isWhitespace else { continue }
            if character == ".", isAbbreviation(characters, periodAt: index) { continue }

            var next = end
            while next < characters.count, characters[next].isWhitespace { next += 1 }
            if next < characters.count, characters[next].isLowercase { continue }
            ends.append(end)
        }
        return ends
    }

    /// Returns the first sentence of `text`, or all of it when no sentence end is found.
    static func firstSentence(of text: String) -> String {
        let characters = Array(text)
        guard let end = sentenceEnds(in: characters).first else { return text }
        return trimmed(String(characters[..<end]))
    }

    /// Returns the longest run of whole sentences from the start of `text` that fits in
    /// `limit`, or nil when that run is shorter than `minimum` or there is none.
    static func prefixOfSentences(_ text: String, limit: Int, minimum: Int) -> String? {
        let characters = Array(text)
        guard let end = sentenceEnds(in: characters).last(where: { $0 <= limit }), end >= minimum else {
            return nil
        }
        return trimmed(String(characters[..<end]))
    }

    /// Shortens `text` to at most `limit` characters at a word boundary, removing
    /// trailing separators. With `ellipsis`, a "…" is appended and counts toward the
    /// limit. A text without a space in the first `limit` characters is cut mid-word.
    static func truncatedAtWord(_ text: String, limit: Int, ellipsis: Bool) -> String {
        let characters = Array(text)
        guard characters.count > limit else { return text }
        let budget = max(ellipsis ? limit - 1 : limit, 0)

        var cut = budget
        if !characters[budget].isWhitespace,
           let space = characters[..<budget].lastIndex(where: \.isWhitespace), space > 0 {
            cut = space
        }
        var result = trimmingTrailingSeparators(String(characters[..<cut]))
        if result.isEmpty {
            result = trimmed(String(characters[..<budget]))
        }
        return ellipsis ? result + "\u{2026}" : result
    }

    /// Removes whitespace and `trailingSeparators` from the end of `text`.
    static func trimmingTrailingSeparators(_ text: String) -> String {
        var characters = Array(text)
        while let last = characters.last, last.isWhitespace || trailingSeparators.contains(last) {
            characters.removeLast()
        }
        return String(characters)
    }

    /// Returns `text` ending in a sentence terminal, shortened so the result fits `limit`.
    static func asSentence(_ text: String, limit: Int) -> String {
        if let last = text.last, sentenceTerminals.contains(last) || fullWidthTerminals.contains(last) {
            if text.count <= limit { return text }
            return truncatedAtWord(text, limit: limit, ellipsis: true)
        }
        let body = trimmingTrailingSeparators(truncatedAtWord(text, limit: limit - 1, ellipsis: false))
        return body + "."
    }

    /// Returns `text` with its first character uppercased and the rest as written.
    static func capitalizingFirstLetter(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }

    /// Returns `text` without leading and trailing whitespace.
    static func trimmed(_ text: String) -> String {
        let characters = Array(text)
        guard let first = characters.firstIndex(where: { !$0.isWhitespace }),
              let last = characters.lastIndex(where: { !$0.isWhitespace }) else {
            return ""
        }
        return String(characters[first...last])
    }

    private static func endAfterClosingMarks(_ characters: [Character], from start: Int) -> Int {
        var end = start
        while end < characters.count, closingMarks.contains(characters[end]) { end += 1 }
        return end
    }

    private static func isAbbreviation(_ characters: [Character], periodAt index: Int) -> Bool {
        var start = index
        while start > 0, !characters[start - 1].isWhitespace, characters[start - 1] != "(" {
            start -= 1
        }
        let word = String(characters[start..<index]).lowercased()
        if word.count == 1, word.first?.isLetter == true { return true }
        if word.contains(".") { return true }
        return abbreviations.contains(word)
    }

    private static func isInvisible(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy { scalar in
            scalar.properties.generalCategory == .control || scalar == "\u{200B}" || scalar == "\u{FEFF}"
        }
    }
}
