import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The steps of `vault rotate`, in order. After each one, the vault on disk opens
/// completely with the old secret key or with the new one.
public enum RotationStep: String, CaseIterable, Sendable {
    /// Every entry opened with the old secret key; nothing written yet.
    case openedEntries
    /// The new secret key written to its own file; the old file is untouched.
    case savedNewSecretKey
    /// Every key sealed to the new public key, in memory.
    case resealedEntries
    /// The new `byok.keys` written beside the old one under a temporary name.
    case wroteNewFile
    /// The new file read back and every entry opened with the new secret key.
    case verifiedNewFile
    /// The new file renamed over the old one.
    case replacedFile
    /// The old secret-key file removed.
    case removedOldSecretKey
}

/// The outcome of `vault rotate`.
public struct RotationResult: Sendable {
    public var organization: String
    public var oldKeyID: KeyID
    public var newKeyID: KeyID
    public var newSecretKeyFile: URL
    /// Entries whose approval verified under the old key, approved again under the new one.
    public var reapproved: [Provider] = []
    /// Entries that were pending, or whose approval did not verify, and are pending now.
    public var pending: [Provider] = []
    /// The old secret-key file, when there was one and it was removed.
    public var removedSecretKeyFile: URL?
    /// The old secret-key file, when there was one and removing it failed.
    public var keptSecretKeyFile: URL?
}

extension Vault {
    /// Replace the organization's key pair and re-seal every one of its keys to the new one.
    ///
    /// Entries are approved again only where their approval verified under the old key.
    /// The new `byok.keys` is written beside the old one and read back. Every entry is
    /// opened with the new secret key before the new file replaces the old one, and only
    /// then is the old secret-key file removed. A failure before the replacement removes what the
    /// rotation wrote and leaves the old vault as it was.
    ///
    /// - Parameter afterStep: called after each step; tests throw from it to interrupt the rotation.
    public mutating func rotate(
        organization name: String, afterStep: (RotationStep) throws(VaultError) -> Void = { _ throws(VaultError) in }
    ) throws(VaultError) -> RotationResult {
        let organization = try organization(name)
        let oldSecretKey = try secretKey(for: name)
        var keys: [Provider: SecretBytes] = [:]
        var approved: Set<Provider> = []
        for (provider, entry) in organization.entries {
            keys[provider] = try unseal(entry, organization: organization, secretKey: oldSecretKey)
            if isApproved(entry, organization: organization, secretKey: oldSecretKey) { approved.insert(provider) }
        }
        try afterStep(.openedEntries)

        let newSecretKey = SecretKey.generate()
        context.redactor.register(newSecretKey)
        let newSecretKeyFile = try store.save(newSecretKey)
        var temporaryFile: URL?
        var replaced = false
        defer {
            if !replaced {
                try? store.removeFile(for: newSecretKey.keyID)
                if let temporaryFile { unlink(temporaryFile.path) }
            }
        }
        try afterStep(.savedNewSecretKey)

        var rotated = OrganizationKeys(name: name, publicKey: newSecretKey.publicKey)
        for (provider, entry) in organization.entries {
            let binding = entry.binding(organization: name)
            let sealed = Sodium.seal(SealedPlaintext.encode(key: keys[provider]!, binding: binding), to: rotated.publicKey.bytes)
            var resealed = entry
            resealed.sealed = sealed
            resealed.location = nil
            resealed.approval = approved.contains(provider)
                ? Approval.sign(binding: binding, sealed: sealed, secretKey: newSecretKey) : nil
            rotated.entries[provider] = resealed
        }
        var newFile = file
        newFile.organizations[name] = rotated
        try afterStep(.resealedEntries)

        let text = context.redactor.redact(newFile.serialized())
        temporaryFile = try writeBeside(text)
        try afterStep(.wroteNewFile)

        try verify(temporaryFile!, organization: name, secretKey: newSecretKey, keys: keys, approved: approved)
        try afterStep(.verifiedNewFile)

        guard rename(temporaryFile!.path, url.path) == 0 else {
            throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        replaced = true
        file = try VaultFile.parse(Array(text.utf8), path: path)
        try afterStep(.replacedFile)

        var result = RotationResult(
            organization: name, oldKeyID: organization.keyID, newKeyID: newSecretKey.keyID, newSecretKeyFile: newSecretKeyFile)
        result.reapproved = approved.sorted { $0.rawValue < $1.rawValue }
        result.pending = organization.entries.keys.filter { !approved.contains($0) }.sorted { $0.rawValue < $1.rawValue }
        // The rotation is complete at this point, so a file that cannot be removed is
        // reported in the result instead of failing it.
        if let oldFile = store.fileURL(for: organization.keyID), FileManager.default.fileExists(atPath: oldFile.path) {
            do {
                try store.removeFile(for: organization.keyID)
                result.removedSecretKeyFile = oldFile
            } catch {
                result.keptSecretKeyFile = oldFile
            }
        }
        try afterStep(.removedOldSecretKey)
        return result
    }

    /// Write `text` to a new temporary file in the folder of `byok.keys` and flush it to disk.
    private func writeBeside(_ text: String) throws(VaultError) -> URL {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(
            SiteScanner.temporaryFilePrefix + UUID().uuidString.prefix(8) + "-" + url.lastPathComponent)
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotWrite(path: temporary.path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary.path)
                throw .cannotWrite(path: temporary.path, reason: reason)
            }
            written += count
        }
        guard fsync(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw .cannotWrite(path: temporary.path, reason: reason)
        }
        return temporary
    }

    /// Read the rotated file back and check that every entry of the organization opens with
    /// the new secret key to the same key, approved exactly where it was before.
    private func verify(
        _ temporaryFile: URL, organization name: String, secretKey: SecretKey, keys: [Provider: SecretBytes],
        approved: Set<Provider>
    ) throws(VaultError) {
        guard let data = FileManager.default.contents(atPath: temporaryFile.path) else {
            throw .cannotRead(path: temporaryFile.path, reason: "the file just written cannot be read back")
        }
        let written = try VaultFile.parse(Array(data), path: temporaryFile.path)
        let reader = Vault(url: temporaryFile, path: temporaryFile.path, file: written, store: store, context: context)
        let organization = try reader.organization(name)
        try reader.checkSecretKey(secretKey, belongsTo: organization)
        guard Set(organization.entries.keys) == Set(keys.keys), written.organizations.count == file.organizations.count else {
            throw .cannotWrite(path: path, reason: "the rotated file lost entries when read back; the old file was kept")
        }
        for (provider, entry) in organization.entries {
            let key = try reader.unseal(entry, organization: organization, secretKey: secretKey)
            guard key.isEqual(to: keys[provider]!),
                  reader.isApproved(entry, organization: organization, secretKey: secretKey) == approved.contains(provider) else {
                throw .cannotWrite(path: path, reason: "the rotated \(provider.rawValue) entry differs when read back; the old file was kept")
            }
        }
    }
}
