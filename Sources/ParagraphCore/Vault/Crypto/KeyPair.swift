import Foundation

/// An organization's public key: a Curve25519 key that anyone can seal provider keys to.
public struct PublicKey: Sendable, Hashable {
    public let bytes: [UInt8]

    /// Nil unless `bytes` has `crypto_box_publickeybytes()` bytes.
    public init?(bytes: [UInt8]) {
        guard bytes.count == Sodium.publicKeyByteCount else { return nil }
        self.bytes = bytes
    }

    public var base64: String { Data(bytes).base64EncodedString() }

    public var keyID: KeyID { KeyID(publicKey: self) }
}

/// The short name of a key pair: the first 16 hex digits of the BLAKE2b hash of its public key.
///
/// A key id names the secret-key file, so one read from `byok.keys` is checked for its
/// form and recomputed from the public key before it is used.
public struct KeyID: Sendable, Hashable, CustomStringConvertible {
    public let text: String

    static let length = 16

    public init(publicKey: PublicKey) {
        let digest = Sodium.hash(publicKey.bytes, length: 32)
        text = digest.prefix(Self.length / 2).map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }

    /// Nil unless `text` is exactly 16 lowercase hexadecimal digits.
    public init?(validating text: String) {
        guard text.utf8.count == Self.length,
              text.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else { return nil }
        self.text = text
    }

    public var description: String { text }
}

/// An organization's secret key, with the public key computed from it.
public final class SecretKey: Sendable {
    let bytes: SecretBytes
    public let publicKey: PublicKey

    /// Nil unless `bytes` is a `crypto_box` secret key of the right length.
    init?(bytes: SecretBytes) {
        guard let publicBytes = Sodium.publicKey(of: bytes), let publicKey = PublicKey(bytes: publicBytes) else {
            return nil
        }
        self.bytes = bytes
        self.publicKey = publicKey
    }

    /// Generate a new key pair.
    static func generate() -> SecretKey {
        let pair = Sodium.makeKeyPair()
        guard let key = SecretKey(bytes: pair.secretKey) else {
            preconditionFailure("crypto_box_keypair returned a secret key of the wrong length")
        }
        precondition(key.publicKey.bytes == pair.publicKey, "crypto_scalarmult_base disagrees with crypto_box_keypair")
        return key
    }

    public var keyID: KeyID { publicKey.keyID }

    /// The secret key as base64 text, the form of `PARAGRAPH_SECRET_KEY` and of the key file.
    func base64Text() -> SecretBytes {
        Sodium.base64Encode(bytes)
    }

    /// Read base64 text; nil when it is not base64 for a secret key of the right length.
    static func decode(base64 text: UnsafeRawBufferPointer) -> SecretKey? {
        guard let bytes = Sodium.base64Decode(text, expectedCount: Sodium.secretKeyByteCount) else { return nil }
        return SecretKey(bytes: bytes)
    }
}
