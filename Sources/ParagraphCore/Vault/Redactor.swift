import Foundation

/// Replaces every known secret in text with its mask before the text is printed or written.
///
/// Each secret is found in its raw form and in the forms JSON and URL encoders give it:
/// any of its bytes may appear as `%XX` (either case), `\uXXXX`, or `\/`, `\"`, `\\`, and
/// a space as `+`. One `RunContext` and every copy of it share one redactor, so a key
/// opened anywhere is scrubbed from all later output.
///
/// - Note: Text is redacted one call at a time, so a secret split across two writes is not
///   found. Every caller here writes whole lines.
public final class Redactor: @unchecked Sendable {
    private struct Secret {
        let bytes: SecretBytes
        let mask: [UInt8]
    }

    /// Shorter secrets would mask ordinary words; every key and secret key is longer.
    static let minimumSecretLength = 8

    private let lock = NSLock()
    private var secrets: [Secret] = []

    public init() {}

    /// Add a secret and the mask that replaces it; returns false when it was known already
    /// or is too short to redact safely.
    @discardableResult
    public func register(_ secret: SecretBytes, mask: String) -> Bool {
        guard secret.count >= Self.minimumSecretLength else { return false }
        lock.lock()
        defer { lock.unlock() }
        guard !secrets.contains(where: { $0.bytes.isEqual(to: secret) }) else { return false }
        secrets.append(Secret(bytes: secret, mask: Array(mask.utf8)))
        // Longest first, so a secret that contains another is replaced whole.
        secrets.sort { $0.bytes.count > $1.bytes.count }
        return true
    }

    public var isEmpty: Bool {
        lock.lock()
        defer { lock.unlock() }
        return secrets.isEmpty
    }

    public func redact(_ text: String) -> String {
        guard !isEmpty else { return text }
        var bytes = Array(text.utf8)
        defer { bytes.zeroize() }
        guard let redacted = redact(bytes: bytes) else { return text }
        return String(decoding: redacted, as: UTF8.self)
    }

    public func redact(_ data: Data) -> Data {
        guard !isEmpty else { return data }
        var bytes = Array(data)
        defer { bytes.zeroize() }
        return redact(bytes: bytes).map { Data($0) } ?? data
    }

    /// Return the redacted bytes, or nil when no secret occurs in them.
    private func redact(bytes text: [UInt8]) -> [UInt8]? {
        lock.lock()
        defer { lock.unlock() }
        var output: [UInt8] = []
        var found = false
        var index = 0
        scan: while index < text.count {
            for secret in secrets {
                if let length = secret.bytes.withUnsafeBytes({ Self.match($0, in: text, at: index) }) {
                    if !found {
                        output.reserveCapacity(text.count)
                        output += text[..<index]
                        found = true
                    }
                    output += secret.mask
                    index += length
                    continue scan
                }
            }
            if found { output.append(text[index]) }
            index += 1
        }
        return found ? output : nil
    }

    /// Return the length of the encoded form of `secret` that starts at `start`, or nil.
    private static func match(_ secret: UnsafeRawBufferPointer, in text: [UInt8], at start: Int) -> Int? {
        guard let first = secret.first else { return nil }
        let head = text[start]
        guard head == first || head == UInt8(ascii: "%") || head == UInt8(ascii: "\\") || head == UInt8(ascii: "+") else {
            return nil
        }
        var position = start
        for byte in secret {
            guard let length = matchByte(byte, in: text, at: position) else { return nil }
            position += length
        }
        return position - start
    }

    /// Return the length of one encoded form of `byte` at `position`, or nil. Escaped forms are
    /// tried before the literal byte, and no alternative is retried.
    private static func matchByte(_ byte: UInt8, in text: [UInt8], at position: Int) -> Int? {
        let remaining = text.count - position
        guard remaining > 0 else { return nil }
        let head = text[position]
        if head == UInt8(ascii: "\\") && remaining >= 6 && text[position + 1] == UInt8(ascii: "u")
            && text[position + 2] == UInt8(ascii: "0") && text[position + 3] == UInt8(ascii: "0")
            && hexValue(text[position + 4], text[position + 5]) == byte {
            return 6
        }
        if head == UInt8(ascii: "%") && remaining >= 3 && hexValue(text[position + 1], text[position + 2]) == byte {
            return 3
        }
        if head == UInt8(ascii: "\\") && remaining >= 2 && text[position + 1] == byte
            && (byte == UInt8(ascii: "/") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")) {
            return 2
        }
        if head == byte { return 1 }
        if head == UInt8(ascii: "+") && byte == UInt8(ascii: " ") { return 1 }
        return nil
    }

    private static func hexValue(_ high: UInt8, _ low: UInt8) -> UInt8? {
        func digit(_ character: UInt8) -> UInt8? {
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return character - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return character - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        guard let high = digit(high), let low = digit(low) else { return nil }
        return high << 4 | low
    }
}

extension Redactor {
    /// Register an organization's secret key in the text forms it can take: standard base64
    /// (`PARAGRAPH_SECRET_KEY` and the key file) and URL-safe base64.
    func register(_ secretKey: SecretKey) {
        let mask = "[secret key \(secretKey.keyID)]"
        register(Sodium.base64Encode(secretKey.bytes), mask: mask)
        register(Sodium.base64Encode(secretKey.bytes, variant: .urlSafeUnpadded), mask: mask)
    }
}
