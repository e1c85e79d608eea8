import CSodium

/// Secret bytes in a buffer this type owns, zeroed with `sodium_memzero` when released.
///
/// Use it for provider keys, the vault's secret key and sealed plaintexts. The contents
/// are written only while the value is being built, inside this module, so sharing a
/// finished value between tasks is safe.
///
/// - Note: Only this buffer is zeroed. A `String` or `Data` made from the bytes (an HTTP
///   header, an environment variable, a `::add-mask::` line) is managed by Swift, which
///   offers no way to zero it, so it stays in memory until that memory is reused.
public final class SecretBytes: @unchecked Sendable {
    private let buffer: UnsafeMutableRawBufferPointer
    /// The number of secret bytes; the buffer may be one byte longer so it is never empty.
    public let count: Int

    /// Allocate `count` zero bytes.
    init(count: Int) {
        precondition(count >= 0, "a negative byte count")
        self.count = count
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 16)
        buffer.initializeMemory(as: UInt8.self, repeating: 0)
    }

    /// Copy `bytes` into a new buffer. The caller zeroes its own copy where it can.
    public convenience init(copying bytes: some Collection<UInt8>) {
        self.init(count: bytes.count)
        UnsafeMutableRawBufferPointer(rebasing: buffer[0..<count]).copyBytes(from: bytes)
    }

    deinit {
        sodium_memzero(buffer.baseAddress, buffer.count)
        buffer.deallocate()
    }

    /// Call `body` with the secret bytes. The pointer must not escape `body`.
    public func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
    }

    /// Call `body` with the bytes writable; only for filling a value that is being built.
    func withUnsafeMutableBytes<Result, Failure: Error>(
        _ body: (UnsafeMutableRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(UnsafeMutableRawBufferPointer(rebasing: buffer[0..<count]))
    }

    /// Copy the bytes in `range` into a new value.
    func copy(_ range: Range<Int>) -> SecretBytes {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "range outside the secret")
        return SecretBytes(copying: UnsafeRawBufferPointer(rebasing: buffer[range]))
    }

    /// Copy the bytes into a new value without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> SecretBytes {
        withUnsafeBytes { bytes in
            let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
            var start = 0
            var end = count
            while start < end && isSpace(bytes[start]) { start += 1 }
            while end > start && isSpace(bytes[end - 1]) { end -= 1 }
            return copy(start..<end)
        }
    }

    /// Compare in time that depends only on the length, with `sodium_memcmp`.
    public func isEqual(to other: SecretBytes) -> Bool {
        guard count == other.count else { return false }
        guard count > 0 else { return true }
        return sodium_memcmp(buffer.baseAddress, other.buffer.baseAddress, count) == 0
    }
}

extension Array where Element == UInt8 {
    /// Overwrite the elements with zeros through `sodium_memzero`, which the optimiser keeps.
    ///
    /// - Note: Copies that the array's copy-on-write made earlier are not reached.
    mutating func zeroize() {
        withUnsafeMutableBytes { sodium_memzero($0.baseAddress, $0.count) }
    }
}
