/// Masks and checks provider keys, so a key can be recognised without being shown.
enum KeyMask {
    /// The shortest and longest provider key accepted, in bytes.
    static let lengthRange = 16...1024

    /// The key's prefix and last four characters, e.g. `sk-…9f2c`.
    ///
    /// The prefix is the part up to a `-` or `_` within the first five characters (`sk-`,
    /// `xai-`, `gsk_`), which names the kind of key and not the key. A key without such a
    /// prefix shows only its last four characters.
    static func mask(_ key: SecretBytes) -> String {
        key.withUnsafeBytes { bytes in
            let separator = bytes.prefix(5).firstIndex { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
            let prefix = separator.map { String(decoding: bytes[...$0], as: UTF8.self) } ?? ""
            return prefix + "…" + String(decoding: bytes.suffix(4), as: UTF8.self)
        }
    }

    /// Check that `key` looks like a provider key: printable ASCII without spaces, of a
    /// plausible length. The error gives the reason and never the key.
    static func validate(_ key: SecretBytes) throws(KeyInputError) {
        guard key.count > 0 else { throw .empty }
        guard lengthRange.contains(key.count) else { throw .length(key.count) }
        let printable = key.withUnsafeBytes { $0.allSatisfy { (0x21...0x7E).contains($0) } }
        guard printable else { throw .characters }
    }
}

/// A provider key that was read but cannot be one. No case carries the key.
public enum KeyInputError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case length(Int)
    case characters

    public var description: String {
        switch self {
        case .empty:
            return "no key was given; paste it at the prompt, or pipe it to standard input"
        case .length(let count):
            return "the key is \(count) characters long, and provider keys have \(KeyMask.lengthRange.lowerBound) to \(KeyMask.lengthRange.upperBound); check that you pasted the whole key and nothing else"
        case .characters:
            return "the key contains a space, a line break or a character outside printable ASCII; paste the key alone, on one line"
        }
    }
}
