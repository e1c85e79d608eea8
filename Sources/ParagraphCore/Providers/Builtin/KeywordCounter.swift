/// Weighted term frequencies for keyword extraction.
///
/// A term is a lowercase run of letters and digits, with apostrophes inside words
/// kept and a possessive "'s" removed. Terms shorter than three characters, terms
/// without letters, stopwords, URLs and e-mail addresses are not counted.
struct KeywordCounter {
    struct Entry: Equatable {
        var score: Int
        /// The index of the term's first occurrence, which breaks ties in favour of
        /// terms that appear earlier.
        var firstPosition: Int
    }

    private(set) var entries: [String: Entry] = [:]
    private var nextPosition = 0
    private let stopwords: Set<String>

    init(stopwords: Set<String>) {
        self.stopwords = stopwords
    }

    /// Counts each term of `text`, adding `weight` per occurrence.
    mutating func add(_ text: String, weight: Int) {
        for term in Self.terms(in: text) where !stopwords.contains(term) {
            if var entry = entries[term] {
                entry.score += weight
                entries[term] = entry
            } else {
                entries[term] = Entry(score: weight, firstPosition: nextPosition)
            }
            nextPosition += 1
        }
    }

    /// Merges an English plural and its singular into one term when both occur ("pages"
    /// and "page", "libraries" and "library"). The merged term keeps the more frequent
    /// spelling, or the singular on a tie.
    mutating func mergeEnglishPlurals() {
        for plural in entries.keys.sorted() {
            guard let pluralEntry = entries[plural],
                  let singular = Self.singularCandidates(of: plural).first(where: { entries[$0] != nil }),
                  let singularEntry = entries[singular] else {
                continue
            }
            let merged = Entry(
                score: pluralEntry.score + singularEntry.score,
                firstPosition: min(pluralEntry.firstPosition, singularEntry.firstPosition))
            let kept = pluralEntry.score > singularEntry.score ? plural : singular
            entries[plural] = nil
            entries[singular] = nil
            entries[kept] = merged
        }
    }

    /// Returns the terms ordered by score, then by first occurrence, then alphabetically.
    func ranked() -> [String] {
        entries.sorted { lhs, rhs in
            if lhs.value.score != rhs.value.score { return lhs.value.score > rhs.value.score }
            if lhs.value.firstPosition != rhs.value.firstPosition {
                return lhs.value.firstPosition < rhs.value.firstPosition
            }
            return lhs.key < rhs.key
        }.map(\.key)
    }

    /// Splits `text` into countable terms, in order.
    static func terms(in text: String) -> [String] {
        var result: [String] = []
        for chunk in text.split(whereSeparator: \.isWhitespace) {
            let lowered = chunk.lowercased()
            if lowered.contains("://") || lowered.hasPrefix("www.") || lowered.contains("@") {
                continue
            }
            for word in words(in: lowered) where isCountable(word) {
                result.append(word)
            }
        }
        return result
    }

    private static func words(in chunk: String) -> [String] {
        let characters = Array(chunk.map { $0 == "\u{2019}" ? "'" : $0 })
        var words: [String] = []
        var current = ""
        for (index, character) in characters.enumerated() {
            if character.isLetter || character.isNumber {
                current.append(character)
                continue
            }
            // An apostrophe between two letters belongs to the word, as in "don't".
            let isInnerApostrophe = character == "'" && !current.isEmpty
                && index + 1 < characters.count && characters[index + 1].isLetter
            if isInnerApostrophe {
                current.append(character)
                continue
            }
            if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty {
            words.append(current)
        }
        return words.map { $0.hasSuffix("'s") ? String($0.dropLast(2)) : $0 }
    }

    private static func isCountable(_ word: String) -> Bool {
        (3...40).contains(word.count) && word.contains(where: \.isLetter)
    }

    private static func singularCandidates(of word: String) -> [String] {
        guard word.count > 3, word.hasSuffix("s"), !word.hasSuffix("ss"), !word.hasSuffix("us"),
              !word.hasSuffix("is") else {
            return []
        }
        var candidates: [String] = []
        if word.hasSuffix("ies") {
            candidates.append(String(word.dropLast(3)) + "y")
        }
        if word.hasSuffix("es") {
            candidates.append(String(word.dropLast(2)))
        }
        candidates.append(String(word.dropLast()))
        return candidates
    }
}
