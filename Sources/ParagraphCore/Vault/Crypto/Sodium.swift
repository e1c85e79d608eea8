import CSodium

/// The libsodium calls the vault uses, with Swift types in and out.
///
/// Sizes come from libsodium's size functions because its size macros do not import
/// into Swift. Secret outputs are `SecretBytes`; public ones are byte arrays.
enum Sodium {
    /// Whether `sodium_init` succeeded. Swift runs this initialiser once, thread-safely.
    private static let isInitialized: Bool = sodium_init() >= 0

    private static func ensureInitialized() {
        precondition(isInitialized, "libsodium failed to initialise; the system's random source may be unavailable")
    }

    static var publicKeyByteCount: Int { crypto_box_publickeybytes() }
    static var secretKeyByteCount: Int { crypto_box_secretkeybytes() }
    static var sealOverheadByteCount: Int { crypto_box_sealbytes() }
    static var authenticatorByteCount: Int { crypto_auth_bytes() }

    /// Generate a Curve25519 key pair for `crypto_box`.
    static func makeKeyPair() -> (publicKey: [UInt8], secretKey: SecretBytes) {
        ensureInitialized()
        var publicKey = [UInt8](repeating: 0, count: publicKeyByteCount)
        let secretKey = SecretBytes(count: secretKeyByteCount)
        let result = secretKey.withUnsafeMutableBytes { secret in
            publicKey.withUnsafeMutableBufferPointer { crypto_box_keypair($0.baseAddress!, secret.bindMemory(to: UInt8.self).baseAddress!) }
        }
        precondition(result == 0, "crypto_box_keypair failed")
        return (publicKey, secretKey)
    }

    /// Compute the public key that belongs to a `crypto_box` secret key.
    static func publicKey(of secretKey: SecretBytes) -> [UInt8]? {
        ensureInitialized()
        guard secretKey.count == secretKeyByteCount else { return nil }
        var publicKey = [UInt8](repeating: 0, count: publicKeyByteCount)
        let result = secretKey.withUnsafeBytes { secret in
            publicKey.withUnsafeMutableBufferPointer {
                crypto_scalarmult_base($0.baseAddress!, secret.bindMemory(to: UInt8.self).baseAddress!)
            }
        }
        return result == 0 ? publicKey : nil
    }

    /// Seal `plaintext` to `publicKey` with `crypto_box_seal`; only the secret key can open it.
    static func seal(_ plaintext: SecretBytes, to publicKey: [UInt8]) -> [UInt8] {
        ensureInitialized()
        precondition(publicKey.count == publicKeyByteCount, "a public key of the wrong length")
        var sealed = [UInt8](repeating: 0, count: plaintext.count + sealOverheadByteCount)
        let result = plaintext.withUnsafeBytes { message in
            sealed.withUnsafeMutableBufferPointer { output in
                crypto_box_seal(
                    output.baseAddress!, message.bindMemory(to: UInt8.self).baseAddress!,
                    UInt64(message.count), publicKey)
            }
        }
        precondition(result == 0, "crypto_box_seal failed")
        return sealed
    }

    /// Open a sealed box, or return nil when it was not sealed to this key pair or was changed.
    static func open(_ sealed: [UInt8], publicKey: [UInt8], secretKey: SecretBytes) -> SecretBytes? {
        ensureInitialized()
        guard sealed.count >= sealOverheadByteCount, publicKey.count == publicKeyByteCount,
              secretKey.count == secretKeyByteCount else { return nil }
        let plaintext = SecretBytes(count: sealed.count - sealOverheadByteCount)
        let result = plaintext.withUnsafeMutableBytes { output in
            secretKey.withUnsafeBytes { secret in
                crypto_box_seal_open(
                    output.bindMemory(to: UInt8.self).baseAddress!, sealed, UInt64(sealed.count),
                    publicKey, secret.bindMemory(to: UInt8.self).baseAddress!)
            }
        }
        return result == 0 ? plaintext : nil
    }

    /// Hash `bytes` with BLAKE2b (`crypto_generichash`) to `length` bytes, without a key.
    static func hash(_ bytes: [UInt8], length: Int) -> [UInt8] {
        ensureInitialized()
        var digest = [UInt8](repeating: 0, count: length)
        let result = digest.withUnsafeMutableBufferPointer {
            crypto_generichash($0.baseAddress!, length, bytes, UInt64(bytes.count), nil, 0)
        }
        precondition(result == 0, "crypto_generichash failed")
        return digest
    }

    /// Derive a subkey with `crypto_kdf_derive_from_key`.
    ///
    /// - Parameters:
    ///   - masterKey: `crypto_kdf_keybytes()` bytes, here an organization's secret key.
    ///   - context: exactly `crypto_kdf_contextbytes()` (8) ASCII characters naming the purpose.
    static func deriveSubkey(from masterKey: SecretBytes, id: UInt64, context: String, length: Int) -> SecretBytes {
        ensureInitialized()
        let contextBytes = Array(context.utf8).map { CChar(bitPattern: $0) }
        precondition(contextBytes.count == crypto_kdf_contextbytes(), "a KDF context must have 8 bytes")
        precondition(masterKey.count == crypto_kdf_keybytes(), "a KDF master key of the wrong length")
        precondition(length >= crypto_kdf_bytes_min() && length <= crypto_kdf_bytes_max(), "a KDF subkey length out of range")
        let subkey = SecretBytes(count: length)
        let result = subkey.withUnsafeMutableBytes { output in
            masterKey.withUnsafeBytes { master in
                crypto_kdf_derive_from_key(
                    output.bindMemory(to: UInt8.self).baseAddress!, length, id, contextBytes,
                    master.bindMemory(to: UInt8.self).baseAddress!)
            }
        }
        precondition(result == 0, "crypto_kdf_derive_from_key failed")
        return subkey
    }

    static var authenticationKeyByteCount: Int { crypto_auth_keybytes() }

    /// Compute the `crypto_auth` (HMAC-SHA-512-256) tag of `message` under `key`.
    static func authenticate(_ message: [UInt8], key: SecretBytes) -> [UInt8] {
        ensureInitialized()
        precondition(key.count == authenticationKeyByteCount, "an authentication key of the wrong length")
        var tag = [UInt8](repeating: 0, count: authenticatorByteCount)
        let result = key.withUnsafeBytes { keyBytes in
            tag.withUnsafeMutableBufferPointer {
                crypto_auth($0.baseAddress!, message, UInt64(message.count), keyBytes.bindMemory(to: UInt8.self).baseAddress!)
            }
        }
        precondition(result == 0, "crypto_auth failed")
        return tag
    }

    /// Check a `crypto_auth` tag in constant time.
    static func verify(tag: [UInt8], message: [UInt8], key: SecretBytes) -> Bool {
        ensureInitialized()
        guard tag.count == authenticatorByteCount, key.count == authenticationKeyByteCount else { return false }
        return key.withUnsafeBytes { keyBytes in
            crypto_auth_verify(tag, message, UInt64(message.count), keyBytes.bindMemory(to: UInt8.self).baseAddress!) == 0
        }
    }

    /// Fill a new secret with `count` bytes from libsodium's random source.
    static func randomBytes(_ count: Int) -> SecretBytes {
        ensureInitialized()
        let bytes = SecretBytes(count: count)
        bytes.withUnsafeMutableBytes { randombytes_buf($0.baseAddress!, $0.count) }
        return bytes
    }
}
