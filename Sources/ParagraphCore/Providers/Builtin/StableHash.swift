/// The 32-bit FNV-1a hash, which depends only on the input bytes, unlike Swift's
/// `Hasher`, which is seeded randomly for each process.
enum StableHash {
    /// Hashes `bytes` with 32-bit FNV-1a (offset basis 2166136261, prime 16777619).
    static func fnv1a32<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return hash
    }

    /// Formats `value` as exactly eight lowercase hexadecimal digits.
    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
