/// One entry of `byok.keys` as `keys list` shows it.
public struct KeyStatus: Sendable {
    public enum Approval: String, Sendable {
        /// The approval MAC verifies under the organization's secret key.
        case approved
        case pending
        /// The entry carries an approval MAC that does not verify, so it is never used.
        case invalid = "invalid"
        /// The entry carries an approval MAC, but the secret key to check it is not available.
        case unverified = "approved (unverified)"
    }

    public var organization: String
    public var entry: KeyEntry
    public var approval: Approval
    public var isSecretKeyAvailable: Bool
}

/// The content of `keys list`: every entry, and the reason each unavailable secret key could not be read.
public struct VaultListing: Sendable {
    public var statuses: [KeyStatus] = []
    /// Organizations with their public key but no entries.
    public var emptyOrganizations: [String] = []
    /// Secret-key lookups that failed, by organization; a missing key is one of them.
    public var secretKeyErrors: [String: VaultError] = [:]
}

extension Vault {
    /// List the entries of `organization`, or of every organization when it is nil,
    /// verifying approvals where the secret key is available. No key is opened.
    public func listing(organization: String? = nil) throws(VaultError) -> VaultListing {
        var names = file.organizations.keys.sorted()
        if let organization {
            _ = try self.organization(organization)
            names = [organization]
        }

        var listing = VaultListing()
        for name in names {
            let organization = file.organizations[name]!
            var secretKey: SecretKey?
            do {
                secretKey = try self.secretKey(for: name)
            } catch {
                listing.secretKeyErrors[name] = error
            }
            if organization.entries.isEmpty { listing.emptyOrganizations.append(name) }

            for entry in organization.entries.values.sorted(by: { $0.provider.rawValue < $1.provider.rawValue }) {
                let approval: KeyStatus.Approval
                if entry.isPending {
                    approval = .pending
                } else if let secretKey {
                    approval = isApproved(entry, organization: organization, secretKey: secretKey) ? .approved : .invalid
                } else {
                    approval = .unverified
                }
                listing.statuses.append(
                    KeyStatus(organization: name, entry: entry, approval: approval, isSecretKeyAvailable: secretKey != nil))
            }
        }
        return listing
    }
}
