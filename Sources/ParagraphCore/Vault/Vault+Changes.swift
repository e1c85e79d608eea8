import Foundation

/// The outcome of `Vault.setKey`.
public struct KeySetOutcome: Sendable {
    public var entry: KeyEntry
    /// The entry the new one replaced, if any.
    public var replaced: KeyEntry?
    public var isApproved: Bool { !entry.isPending }
}

/// The outcome of `Vault.approve` for one entry.
public enum ApprovalOutcome: Sendable {
    case approved(KeyEntry)
    case alreadyApproved(KeyEntry)
    case failed(Provider, VaultError)
}

extension Vault {
    /// Create a key pair for `organization`: the secret key goes to a new file in the
    /// configuration folder, the public key into `byok.keys`, which is saved.
    ///
    /// - Returns: the new secret key and the file that contains it.
    public mutating func initialize(organization name: String) throws(VaultError) -> (secretKey: SecretKey, file: URL) {
        if let existing = file.organizations[name] {
            throw .organizationExists(organization: name, keyID: existing.keyID, path: path)
        }
        let secretKey = SecretKey.generate()
        context.redactor.register(secretKey)
        let secretFile = try store.save(secretKey)

        file.organizations[name] = OrganizationKeys(name: name, publicKey: secretKey.publicKey)
        do {
            try save()
        } catch {
            // Without the public key in byok.keys, the secret key is of no use.
            try? store.removeFile(for: secretKey.keyID)
            file.organizations[name] = nil
            throw error
        }
        return (secretKey, secretFile)
    }

    /// Seal `key` for `provider` of `organization`, bound to `origin`, replacing any key
    /// the provider had. With the organization's secret key the entry is approved at once;
    /// without it, the entry is pending. Does not save the file.
    public mutating func setKey(
        _ key: SecretBytes, provider: Provider, organization name: String, origin: Origin, secretKey: SecretKey?
    ) throws(VaultError) -> KeySetOutcome {
        do {
            try KeyMask.validate(key)
        } catch {
            throw .invalidKey(error)
        }
        context.registerSecret(key, mask: KeyMask.mask(key))
        var organization = try organization(name)
        if let secretKey { try checkSecretKey(secretKey, belongsTo: organization) }

        let binding = KeyBinding(organization: name, provider: provider, origin: origin)
        let sealed = Sodium.seal(SealedPlaintext.encode(key: key, binding: binding), to: organization.publicKey.bytes)
        let entry = KeyEntry(
            provider: provider, origin: origin, mask: KeyMask.mask(key), setAt: context.now, sealed: sealed,
            approval: secretKey.map { Approval.sign(binding: binding, sealed: sealed, secretKey: $0) })
        let replaced = organization.entries.updateValue(entry, forKey: provider)
        file.organizations[name] = organization
        return KeySetOutcome(entry: entry, replaced: replaced)
    }

    /// Remove the organization's key for `provider`. Does not save the file.
    public mutating func removeKey(_ provider: Provider, organization name: String) throws(VaultError) -> KeyEntry {
        var organization = try organization(name)
        guard let removed = organization.entries.removeValue(forKey: provider) else {
            throw .entryNotFound(organization: name, provider: provider, path: path)
        }
        file.organizations[name] = organization
        return removed
    }

    /// Approve the organization's key for `provider`, or every entry not yet approved when
    /// `provider` is nil. Does not save the file.
    ///
    /// Each entry is opened first: one that does not open, whose binding differs from the
    /// entry, or whose mask is not its key's is not approved, so an approver never signs a
    /// key other than the one the listing shows.
    public mutating func approve(
        _ provider: Provider?, organization name: String, secretKey: SecretKey
    ) throws(VaultError) -> [ApprovalOutcome] {
        var organization = try organization(name)
        try checkSecretKey(secretKey, belongsTo: organization)
        let providers: [Provider]
        if let provider {
            guard organization.entries[provider] != nil else {
                throw .entryNotFound(organization: name, provider: provider, path: path)
            }
            providers = [provider]
        } else {
            providers = organization.entries.keys.sorted { $0.rawValue < $1.rawValue }
        }

        var outcomes: [ApprovalOutcome] = []
        for provider in providers {
            var entry = organization.entries[provider]!
            if isApproved(entry, organization: organization, secretKey: secretKey) {
                outcomes.append(.alreadyApproved(entry))
                continue
            }
            let key: SecretBytes
            do {
                key = try unseal(entry, organization: organization, secretKey: secretKey)
            } catch {
                outcomes.append(.failed(provider, error))
                continue
            }
            let mask = KeyMask.mask(key)
            guard mask == entry.mask else {
                let reference = reference(entry, organization: name)
                outcomes.append(.failed(provider, .maskMismatch(reference, written: entry.mask, sealed: mask)))
                continue
            }
            entry.approval = Approval.sign(binding: entry.binding(organization: name), sealed: entry.sealed, secretKey: secretKey)
            organization.entries[provider] = entry
            outcomes.append(.approved(entry))
        }
        file.organizations[name] = organization
        return outcomes
    }
}
