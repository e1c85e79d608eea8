/// Writes strings as YAML scalars that YAML 1.1 and 1.2 readers both parse back unchanged.
///
/// A value is written plain only when no reader could take it for anything
/// but that string: it starts with a letter, is not one of the words YAML 1.1
/// reads as a boolean or null, and contains only characters that cannot start
/// a comment, a mapping value, a flow collection or an escape. Everything else
/// is double-quoted, with escapes that PyYAML, libyaml and Go's yaml packages
/// all understand.
public enum YAMLScalarEmitter {
    /// Words YAML 1.1 resolves to booleans or null, compared without regard to case.
    private static let reservedWords: Set<String> = [
        "y", "n", "yes", "no", "true", "false", "on", "off", "null", "nil", "none", "~",
    ]

    /// Punctuation allowed in a plain scalar after its first character.
    private static let safePunctuation = Set(".;'()/+=_-?!&%*@|>^$".unicodeScalars)

    public static func emit(_ value: String) -> String {
        isSafePlain(value) ? value : doubleQuoted(value)
    }

    /// A flow sequence such as `[pricing, "a, b"]`.
    public static func emitFlowSequence(_ items: [String]) -> String {
        "[" + items.map(emit).joined(separator: ", ") + "]"
    }

    static func isSafePlain(_ value: String) -> Bool {
        let scalars = Array(value.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last else { return false }
        guard first.properties.isAlphabetic, !isSpace(last) else { return false }
        guard !reservedWords.contains(value.lowercased()) else { return false }

        for (index, scalar) in scalars.enumerated() {
            if scalar == " " {
                if index + 1 < scalars.count, scalars[index + 1] == "#" { return false }
                continue
            }
            if scalar == ":" {
                // `a:b` is a plain string, but `a: b` and a trailing colon start a mapping.
                guard index + 1 < scalars.count, !isSpace(scalars[index + 1]) else { return false }
                continue
            }
            if scalar.isASCII {
                let isWordCharacter = scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                guard isWordCharacter || safePunctuation.contains(scalar) else { return false }
                continue
            }
            guard isPrintableNonASCII(scalar) else { return false }
        }
        return true
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t"
    }

    /// Letters, marks, numbers, punctuation and symbols beyond ASCII; no separators, controls or formats.
    private static func isPrintableNonASCII(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber,
             .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            // U+FEFF and the YAML 1.1 line breaks are not in these categories, but be explicit.
            return scalar != "\u{FEFF}" && scalar != "\u{85}" && scalar != "\u{2028}" && scalar != "\u{2029}"
        default:
            return false
        }
    }

    static func doubleQuoted(_ value: String) -> String {
        var output = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\0": output += "\\0"
            case "\u{85}": output += "\\N"
            case "\u{A0}": output += "\\_"
            case "\u{2028}": output += "\\L"
            case "\u{2029}": output += "\\P"
            default:
                let category = scalar.properties.generalCategory
                if scalar.value < 0x20 || scalar.value == 0x7F || category == .control || category == .format
                    || category == .surrogate || category == .privateUse || category == .unassigned {
                    output += hexEscape(scalar)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }

    private static func hexEscape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        if scalar.value <= 0xFF { return "\\x" + String(repeating: "0", count: 2 - hex.count) + hex }
        if scalar.value <= 0xFFFF { return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex }
        return "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
    }
}
