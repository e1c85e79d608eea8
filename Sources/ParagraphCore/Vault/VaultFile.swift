import Foundation

/// The contents of `byok.keys`: per organization its public key, and per provider a sealed key.
///
/// The file is YAML in a fixed layout and key order, with one block per organization and
/// one per provider inside it, so changes to different entries merge cleanly in git.
public struct VaultFile: Sendable {
    public static let defaultFileName = "byok.keys"
    static let version = 1

    /// Organizations by name.
    public var organizations: [String: OrganizationKeys] = [:]

    public init() {}
}

/// One organization's key pair (its public half) and sealed provider keys.
public struct OrganizationKeys: Sendable {
    public var name: String
    public var publicKey: PublicKey
    /// Provider keys by provider; at most one per provider.
    public var entries: [Provider: KeyEntry] = [:]
    /// Where the organization starts in the file, for messages; nil for one made in memory.
    public var location: SourceLocation?

    public init(name: String, publicKey: PublicKey) {
        self.name = name
        self.publicKey = publicKey
    }

    /// The key id, always computed from the public key.
    public var keyID: KeyID { publicKey.keyID }
}

/// One provider key of an organization, sealed to the organization's public key.
public struct KeyEntry: Sendable {
    public var provider: Provider
    /// The endpoint origin the key may be sent to.
    public var origin: Origin
    /// The key's prefix and last four characters, e.g. `sk-…9f2c`. Not covered by the approval.
    public var mask: String
    public var setAt: Date
    /// The `crypto_box_seal` output of the key and its binding.
    public var sealed: [UInt8]
    /// The approval MAC, or nil while the entry is pending.
    public var approval: [UInt8]?
    /// Where the entry starts in the file, for messages; nil for one made in memory.
    public var location: SourceLocation?

    public var isPending: Bool { approval == nil }

    func binding(organization: String) -> KeyBinding {
        KeyBinding(organization: organization, provider: provider, origin: origin)
    }
}

/// The organization-name rule `byok.yaml` uses: ASCII letters, digits, `-`, `_` and `.`,
/// starting with a letter or digit, at most 64 characters.
enum OrganizationName {
    static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCII,
              first.properties.isAlphabetic || ("0"..."9").contains(first) else { return false }
        return name.count <= 64 && name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0))
        }
    }
}

/// Dates in `byok.keys`: UTC, to the second, e.g. `2026-06-01T09:30:00Z`.
enum VaultDate {
    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// The calendar day, for listings.
    static func day(_ date: Date) -> String {
        String(format(date).prefix(10))
    }
}
