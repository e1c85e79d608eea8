import Foundation

/// A site's `byok.keys`, loaded for one run, with the secret-key lookup of that run.
///
/// Every key and secret key this value opens or reads is registered with the context's
/// redactor before it is returned, so no output of the run can show it.
public struct Vault: Sendable {
    public let url: URL
    /// The file's path relative to the site, as `byok.yaml` names it, for messages.
    public let path: String
    public var file: VaultFile
    public let store: SecretKeyStore
    let context: RunContext

    /// Load the site's key file; a missing file is an empty vault.
    public static func load(siteRoot: URL, configuration: SiteConfiguration, context: RunContext) throws(VaultError) -> Vault {
        let url = siteRoot.appendingPathComponent(configuration.keysFile)
        let path = configuration.keysFile
        let store = SecretKeyStore(environment: context.environment)
        guard FileManager.default.fileExists(atPath: url.path) else {
            return Vault(url: url, path: path, file: VaultFile(), store: store, context: context)
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .cannotRead(path: path, reason: "check its permissions")
        }
        let file = try VaultFile.parse(Array(data), path: path)
        return Vault(url: url, path: path, file: file, store: store, context: context)
    }

    /// Return the organization's keys, or throw an error that says how to create its key pair.
    public func organization(_ name: String) throws(VaultError) -> OrganizationKeys {
        guard let organization = file.organizations[name] else {
            throw .organizationNotFound(organization: name, path: path)
        }
        return organization
    }

    /// Look up the organization's secret key and register it with the redactor.
    public func secretKey(for name: String) throws(VaultError) -> SecretKey {
        let organization = try organization(name)
        let key = try store.secretKey(organization: name, publicKey: organization.publicKey)
        context.redactor.register(key)
        return key
    }

    /// Write the file atomically, through the redactor like all other output.
    public func save() throws(VaultError) {
        let text = context.redactor.redact(file.serialized())
        do {
            try AtomicFile.write(Data(text.utf8), to: url)
        } catch {
            throw .cannotWrite(path: path, reason: error.localizedDescription)
        }
    }

    func reference(_ entry: KeyEntry, organization: String) -> EntryReference {
        EntryReference(path: path, location: entry.location, organization: organization, provider: entry.provider)
    }
}

extension Vault {
    /// Open the organization's key for `provider`, to be sent to `origin`.
    ///
    /// The entry must be approved under `secretKey`, bound to `origin`, and hold a sealed
    /// value that opens with `secretKey` and was sealed for this organization, provider
    /// and origin. Each failure names the entry and the reason.
    public func openKey(
        _ provider: Provider, organization name: String, for origin: Origin, secretKey: SecretKey
    ) throws(VaultError) -> ProviderKey {
        let organization = try organization(name)
        try checkSecretKey(secretKey, belongsTo: organization)
        guard let entry = organization.entries[provider] else {
            throw .entryNotFound(organization: name, provider: provider, path: path)
        }
        try checkApproval(entry, organization: organization, secretKey: secretKey)
        guard entry.origin == origin else {
            throw .originMismatch(reference(entry, organization: name), bound: entry.origin, requested: origin)
        }
        let key = try unseal(entry, organization: organization, secretKey: secretKey)
        return ProviderKey(organization: name, provider: provider, origin: origin, mask: KeyMask.mask(key), secret: key)
    }

    /// Open the organization's key for `provider`, looking up the secret key first.
    public func openKey(_ provider: Provider, organization name: String, for origin: Origin) throws(VaultError) -> ProviderKey {
        try openKey(provider, organization: name, for: origin, secretKey: secretKey(for: name))
    }

    func checkSecretKey(_ secretKey: SecretKey, belongsTo organization: OrganizationKeys) throws(VaultError) {
        guard secretKey.publicKey == organization.publicKey else {
            throw .secretKeyMismatch(
                organization: organization.name, keyID: organization.keyID, source: "the secret key given",
                foundKeyID: secretKey.keyID)
        }
    }

    /// Return whether the entry's approval MAC verifies. A pending entry has none, so it is not approved.
    func isApproved(_ entry: KeyEntry, organization: OrganizationKeys, secretKey: SecretKey) -> Bool {
        guard let approval = entry.approval else { return false }
        return Approval.verify(
            approval, binding: entry.binding(organization: organization.name), sealed: entry.sealed, secretKey: secretKey)
    }

    func checkApproval(_ entry: KeyEntry, organization: OrganizationKeys, secretKey: SecretKey) throws(VaultError) {
        let reference = reference(entry, organization: organization.name)
        guard !entry.isPending else { throw .pendingApproval(reference, keyID: organization.keyID) }
        guard isApproved(entry, organization: organization, secretKey: secretKey) else {
            throw .approvalInvalid(reference, keyID: organization.keyID)
        }
    }

    /// Open the sealed value, check its binding against the entry, and register the key
    /// with the redactor before returning it.
    func unseal(_ entry: KeyEntry, organization: OrganizationKeys, secretKey: SecretKey) throws(VaultError) -> SecretBytes {
        let reference = reference(entry, organization: organization.name)
        guard let plaintext = Sodium.open(entry.sealed, publicKey: organization.publicKey.bytes, secretKey: secretKey.bytes),
              let contents = SealedPlaintext.decode(plaintext) else {
            throw .cannotOpen(reference, keyID: organization.keyID)
        }
        // Anyone with the public key can seal a value, so its contents are checked before
        // they reach the redactor or a `::add-mask::` line.
        do {
            try KeyMask.validate(contents.key)
        } catch {
            throw .cannotOpen(reference, keyID: organization.keyID)
        }
        context.registerSecret(contents.key, mask: KeyMask.mask(contents.key))

        if contents.organization != organization.name {
            throw .bindingMismatch(reference, field: "organization", sealed: contents.organization)
        }
        if contents.provider != entry.provider.rawValue {
            throw .bindingMismatch(reference, field: "provider", sealed: contents.provider)
        }
        if contents.origin != entry.origin.description {
            throw .bindingMismatch(reference, field: "origin", sealed: contents.origin)
        }
        return contents.key
    }
}
