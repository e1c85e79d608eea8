/// A provider key opened from the vault, for one organization, provider and origin.
///
/// Only `Vault` makes one, after checking the approval and the binding, and it registers
/// the key with the redactor first.
public struct ProviderKey: Sendable {
    public let organization: String
    public let provider: Provider
    /// The only origin this key may be sent to.
    public let origin: Origin
    public let mask: String
    let secret: SecretBytes

    /// Call `body` with the key's bytes. The pointer must not escape `body`.
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try secret.withUnsafeBytes(body)
    }

    /// The key as text, for a request header.
    ///
    /// - Note: The returned `String` is a copy that Swift manages and cannot be zeroed.
    ///   Make it as late as possible, and keep it no longer than the request.
    public func text() -> String {
        secret.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }
}
