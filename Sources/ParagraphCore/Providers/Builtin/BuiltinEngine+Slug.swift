import Foundation

extension BuiltinEngine {
    /// Makes a URL slug from `title`: lowercase ASCII letters, digits and single
    /// hyphens, at most `maxSlugLength` characters, never empty.
    ///
    /// Letters are transliterated by `SlugTransliteration` ("Zażółć gęślą jaźń" gives
    /// "zazolc-gesla-jazn", "Straße über Äpfel" gives "strasse-ueber-aepfel").
    /// Apostrophes are dropped ("don't" gives "dont") and every other character
    /// separates words. A long slug is cut at a hyphen.
    ///
    /// When no ASCII is left, or when more than half of the title's letters have no
    /// transliteration (a Chinese or Japanese title, say), the slug is `page-` and the
    /// 32-bit FNV-1a hash of the title's UTF-8 bytes in hexadecimal. The title is
    /// trimmed and put in canonical decomposed form (NFD) first, so the same title gives
    /// the same slug on every machine, however its accents are encoded.
    ///
    /// - Parameter existing: slugs already used in the same folder. When the slug is
    ///   taken, `-2`, `-3` and so on are appended, shortening the slug to stay within
    ///   the limit. Comparison ignores case.
    public func slug(title: String, existing: Set<String> = []) -> String {
        let base = baseSlug(for: title)
        let taken = Set(existing.map { $0.lowercased() })
        guard taken.contains(base) else { return base }

        var number = 2
        while true {
            let suffix = "-\(number)"
            let candidate = truncatedSlug(base, limit: Self.maxSlugLength - suffix.count) + suffix
            if !taken.contains(candidate) {
                return candidate
            }
            number += 1
        }
    }

    private func baseSlug(for title: String) -> String {
        let cleaned = ProseText.collapsingWhitespace(title)
        var slug = ""
        var letterCount = 0
        var transliteratedLetterCount = 0
        var pendingHyphen = false

        for character in cleaned.lowercased() {
            if character.isLetter {
                letterCount += 1
            }
            if character == "'" || character == "\u{2019}" || character == "\u{02BC}" {
                continue
            }
            guard let ascii = SlugTransliteration.ascii(for: character) else {
                pendingHyphen = true
                continue
            }
            if character.isLetter {
                transliteratedLetterCount += 1
            }
            if ascii.isEmpty {
                continue
            }
            if pendingHyphen && !slug.isEmpty {
                slug += "-"
            }
            pendingHyphen = false
            slug += ascii
        }

        if slug.isEmpty || transliteratedLetterCount * 2 < letterCount {
            return fallbackSlug(for: cleaned)
        }
        return truncatedSlug(slug, limit: Self.maxSlugLength)
    }

    private func fallbackSlug(for title: String) -> String {
        let bytes = title.decomposedStringWithCanonicalMapping.utf8
        return "page-" + StableHash.hex(StableHash.fnv1a32(bytes))
    }

    /// Cuts an ASCII slug to at most `limit` characters at a hyphen, or mid-word when
    /// the first `limit` characters contain no hyphen.
    private func truncatedSlug(_ slug: String, limit: Int) -> String {
        let characters = Array(slug)
        guard characters.count > limit else { return slug }
        if characters[limit] == "-" {
            return String(characters[..<limit])
        }
        if let hyphen = characters[..<limit].lastIndex(of: "-"), hyphen > 0 {
            return String(characters[..<hyphen])
        }
        return String(characters[..<limit])
    }
}
