import Foundation

/// Signs and verifies `byok.lock` entries with a key derived from the organization's secret key.
///
/// An entry without a valid MAC (written by a fork's pull request or by a writer
/// without the secret) is still read, but a build that holds the secret validates it
/// again and regenerates it.
public struct LockSigner: Sendable {
    /// The `crypto_kdf` context and subkey id reserved for lock MACs.
    private static let kdfContext = "PgLock01"
    private static let subkeyID: UInt64 = 1

    let organization: String
    private let key: SecretBytes

    public init(organization: String, secretKey: SecretKey) {
        self.organization = organization
        self.key = Sodium.deriveSubkey(
            from: secretKey.bytes, id: Self.subkeyID, context: Self.kdfContext, length: Sodium.authenticationKeyByteCount)
    }

    public func sign(_ entry: LockEntry, page: String, field: Field) -> LockEntry {
        var signed = entry
        signed.mac = nil
        let tag = Sodium.authenticate(signed.authenticatedMessage(organization: organization, page: page, field: field.rawValue), key: key)
        signed.mac = Data(tag).base64EncodedString()
        return signed
    }

    public func verify(_ entry: LockEntry, page: String, field: Field) -> Bool {
        guard let mac = entry.mac, let tag = Data(base64Encoded: mac) else { return false }
        var unsigned = entry
        unsigned.mac = nil
        return Sodium.verify(
            tag: Array(tag), message: unsigned.authenticatedMessage(organization: organization, page: page, field: field.rawValue), key: key)
    }
}
