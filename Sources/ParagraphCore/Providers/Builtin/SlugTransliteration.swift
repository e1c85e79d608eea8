import Foundation

/// Maps characters to lowercase ASCII for slugs.
///
/// Letters with accents lose them through canonical decomposition (é to e, ñ to n,
/// ą to a). Letters that decomposition leaves alone get a fixed spelling: German
/// umlauts and ß (ä to ae, ß to ss, for every language), ł to l, æ to ae, ø to o,
/// þ to th and others. Russian, Ukrainian and Belarusian Cyrillic use a simple
/// romanization written for this engine (ж to zh, щ to shch, ю to iu). Other scripts,
/// such as Greek, Chinese or Japanese, have no mapping.
enum SlugTransliteration {
    // Keys are lowercase because callers lowercase first. Character keys compare by
    // canonical equivalence, so "a" followed by U+0308 finds the entry for "ä".
    private static let fixedSpellings: [Character: String] = [
        "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss",
        "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ø": "o",
        "ı": "i", "ħ": "h", "ŀ": "l", "ŧ": "t", "ĸ": "k", "ŋ": "ng", "ſ": "s", "ƒ": "f",
        "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e", "є": "ie",
        "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m",
        "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ў": "u", "ф": "f",
        "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y", "ь": "",
        "э": "e", "ю": "iu", "я": "ia",
    ]

    /// Returns the ASCII letters and digits for a lowercase `character`, "" for a letter
    /// that is dropped (the Cyrillic soft sign), or nil when the character has
    /// no mapping and should become a separator.
    static func ascii(for character: Character) -> String? {
        if character.isASCII {
            return character.isLetter || character.isNumber ? String(character) : nil
        }
        if let spelling = fixedSpellings[character] {
            return spelling
        }
        guard character.isLetter else { return nil }

        var result = ""
        for scalar in String(character).decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else if !isCombiningMark(scalar) {
                return nil
            }
        }
        return result.isEmpty ? nil : result.lowercased()
    }

    private static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }
}
