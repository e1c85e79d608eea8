import CSodium

extension Sodium {
    /// The base64 alphabets libsodium speaks.
    enum Base64Variant {
        /// RFC 4648 section 4, with `=` padding.
        case original
        /// RFC 4648 section 5 (`-` and `_`), without padding.
        case urlSafeUnpadded

        var code: Int32 {
            switch self {
            case .original: return sodium_base64_VARIANT_ORIGINAL
            case .urlSafeUnpadded: return sodium_base64_VARIANT_URLSAFE_NO_PADDING
            }
        }
    }

    /// Encode secret bytes as base64 text held in secret bytes, without a trailing NUL.
    static func base64Encode(_ bytes: SecretBytes, variant: Base64Variant = .original) -> SecretBytes {
        let length = sodium_base64_encoded_len(bytes.count, variant.code)
        let text = SecretBytes(count: length)
        text.withUnsafeMutableBytes { output in
            bytes.withUnsafeBytes { input in
                _ = sodium_bin2base64(
                    output.bindMemory(to: CChar.self).baseAddress!, length,
                    input.bindMemory(to: UInt8.self).baseAddress, input.count, variant.code)
            }
        }
        // The encoded length counts the terminating NUL, which is not part of the text.
        return text.copy(0..<(length - 1))
    }

    /// Decode base64 text into secret bytes, ignoring spaces and line breaks around and
    /// inside it; nil when the text is not valid base64 or does not decode to `expectedCount` bytes.
    static func base64Decode(_ text: UnsafeRawBufferPointer, expectedCount: Int) -> SecretBytes? {
        // One spare byte lets a longer input show up as a length mismatch, not as an error.
        let output = SecretBytes(count: expectedCount + 1)
        var decodedCount = 0
        let result = output.withUnsafeMutableBytes { buffer in
            text.withMemoryRebound(to: CChar.self) { input in
                sodium_base642bin(
                    buffer.bindMemory(to: UInt8.self).baseAddress!, buffer.count, input.baseAddress, input.count,
                    " \t\r\n", &decodedCount, nil, Base64Variant.original.code)
            }
        }
        guard result == 0, decodedCount == expectedCount else { return nil }
        return output.copy(0..<expectedCount)
    }
}
