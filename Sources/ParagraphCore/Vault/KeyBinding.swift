/// The organization, provider and endpoint origin that a provider key is bound to.
///
/// The binding is sealed together with the key and covered by the approval MAC, so a
/// sealed value moved to another entry, organization or endpoint is rejected.
struct KeyBinding: Sendable, Equatable {
    var organization: String
    var provider: Provider
    var origin: Origin

    /// The fields in a fixed order, each prefixed with its length, so no two bindings share an encoding.
    var encodedFields: [UInt8] {
        var bytes: [UInt8] = []
        for field in [organization, provider.rawValue, origin.description] {
            let utf8 = Array(field.utf8)
            precondition(utf8.count <= Int(UInt16.max), "a binding field longer than 65535 bytes")
            bytes += [UInt8(utf8.count >> 8), UInt8(utf8.count & 0xFF)] + utf8
        }
        return bytes
    }
}

/// The plaintext inside a sealed value: a version tag, the binding, then the key.
///
/// Layout: `PGK1`, then organization, provider, origin and key, each as a two-byte
/// big-endian length followed by that many bytes.
enum SealedPlaintext {
    static let versionTag: [UInt8] = Array("PGK1".utf8)

    /// The binding as written inside a plaintext, kept as text so a mismatch can be shown.
    struct Contents {
        var organization: String
        var provider: String
        var origin: String
        var key: SecretBytes
    }

    static func encode(key: SecretBytes, binding: KeyBinding) -> SecretBytes {
        let header = versionTag + binding.encodedFields
        let plaintext = SecretBytes(count: header.count + 2 + key.count)
        plaintext.withUnsafeMutableBytes { output in
            output.copyBytes(from: header)
            output[header.count] = UInt8(key.count >> 8)
            output[header.count + 1] = UInt8(key.count & 0xFF)
            key.withUnsafeBytes { keyBytes in
                UnsafeMutableRawBufferPointer(rebasing: output[(header.count + 2)...]).copyMemory(from: keyBytes)
            }
        }
        return plaintext
    }

    /// Split a plaintext into its fields; nil when it does not have the layout above.
    static func decode(_ plaintext: SecretBytes) -> Contents? {
        plaintext.withUnsafeBytes { bytes -> Contents? in
            guard bytes.starts(with: versionTag) else { return nil }
            var offset = versionTag.count

            func field() -> Range<Int>? {
                guard offset + 2 <= bytes.count else { return nil }
                let length = Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
                guard offset + 2 + length <= bytes.count else { return nil }
                defer { offset += 2 + length }
                return (offset + 2)..<(offset + 2 + length)
            }
            func text(_ range: Range<Int>) -> String? {
                String(validating: bytes[range], as: UTF8.self)
            }

            guard let organization = field().flatMap(text), let provider = field().flatMap(text),
                  let origin = field().flatMap(text), let keyRange = field(), offset == bytes.count else { return nil }
            return Contents(organization: organization, provider: provider, origin: origin, key: plaintext.copy(keyRange))
        }
    }
}

/// The approval MAC over an entry, which makes a sealed value usable.
///
/// Anyone with the public key can seal a value, so a value counts only once a holder of
/// the organization's secret key has approved it. The MAC is `crypto_auth` under a subkey
/// that `crypto_kdf` derives from that secret key, over the binding and the sealed value.
enum Approval {
    /// The `crypto_kdf` context and subkey id reserved for approval MACs.
    private static let kdfContext = "PgApprv1"
    private static let subkeyID: UInt64 = 1
    private static let domain = Array("paragraph approval v1\0".utf8)

    static func message(binding: KeyBinding, sealed: [UInt8]) -> [UInt8] {
        let count = UInt32(sealed.count)
        let length = [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: count >> $0) }
        return domain + binding.encodedFields + length + sealed
    }

    private static func subkey(_ secretKey: SecretKey) -> SecretBytes {
        Sodium.deriveSubkey(
            from: secretKey.bytes, id: subkeyID, context: kdfContext, length: Sodium.authenticationKeyByteCount)
    }

    static func sign(binding: KeyBinding, sealed: [UInt8], secretKey: SecretKey) -> [UInt8] {
        Sodium.authenticate(message(binding: binding, sealed: sealed), key: subkey(secretKey))
    }

    static func verify(_ tag: [UInt8], binding: KeyBinding, sealed: [UInt8], secretKey: SecretKey) -> Bool {
        Sodium.verify(tag: tag, message: message(binding: binding, sealed: sealed), key: subkey(secretKey))
    }
}
