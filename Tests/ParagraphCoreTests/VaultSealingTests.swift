import Foundation
import Testing
@testable import ParagraphCore

/// Sealing, approving and opening provider keys through `Vault`.
@Suite struct VaultSealingTests {
    let openai = Provider.openai.documentedOrigin

    /// Make a vault with organization acme and an approved openai key.
    func makeVault(_ site: VaultTestSite, key: String) throws -> (Vault, SecretKey) {
        var vault = try site.vault()
        let secretKey = try vault.initialize(organization: "acme").secretKey
        _ = try vault.setKey(secretBytes(key), provider: .openai, organization: "acme", origin: openai, secretKey: secretKey)
        try vault.save()
        return (vault, secretKey)
    }

    @Test func sealAndOpenRoundTrip() throws {
        let site = try VaultTestSite()
        let key = makeFakeKey()
        _ = try makeVault(site, key: key)

        // Read back from disk, with the secret key from its file.
        let vault = try site.vault()
        let opened = try vault.openKey(.openai, organization: "acme", for: openai)
        #expect(opened.text() == key)
        #expect(opened.mask == "sk-…" + key.suffix(4))
        #expect(opened.origin == openai)
    }

    @Test func wrongSecretKeyFailsWithError() throws {
        let site = try VaultTestSite()
        let (vault, rightKey) = try makeVault(site, key: makeFakeKey())
        let wrongKey = SecretKey.generate()

        #expect(throws: VaultError.secretKeyMismatch(
            organization: "acme", keyID: rightKey.keyID, source: "the secret key given", foundKeyID: wrongKey.keyID)) {
            try vault.openKey(.openai, organization: "acme", for: openai, secretKey: wrongKey)
        }

        // The wrong key in PARAGRAPH_SECRET_KEY, with the right file removed.
        try site.store.removeFile(for: rightKey.keyID)
        let text = wrongKey.base64Text().withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        let context = site.context(environment: ["PARAGRAPH_SECRET_KEY": text])
        let fromEnvironment = try site.vault(context)
        do {
            _ = try fromEnvironment.openKey(.openai, organization: "acme", for: openai)
            Issue.record("a wrong secret key opened the vault")
        } catch {
            #expect(error == .secretKeyMismatch(
                organization: "acme", keyID: rightKey.keyID, source: "PARAGRAPH_SECRET_KEY", foundKeyID: wrongKey.keyID))
            #expect(error.message.contains("organization acme's key id \(rightKey.keyID)"))
        }
    }

    @Test func wrongSecretKeyFileFailsWithError() throws {
        let site = try VaultTestSite()
        let (_, rightKey) = try makeVault(site, key: makeFakeKey())
        let wrongKey = SecretKey.generate()
        let path = try #require(site.store.fileURL(for: rightKey.keyID))
        try site.store.removeFile(for: rightKey.keyID)
        try (wrongKey.base64Text().withUnsafeBytes { Data($0) } + Data("\n".utf8)).write(to: path)
        chmod(path.path, 0o600)

        #expect(throws: VaultError.secretKeyMismatch(
            organization: "acme", keyID: rightKey.keyID, source: path.path, foundKeyID: wrongKey.keyID)) {
            try site.vault().openKey(.openai, organization: "acme", for: openai)
        }
    }

    @Test func missingSecretKeyNamesOrganizationAndKeyID() throws {
        let site = try VaultTestSite()
        let (_, secretKey) = try makeVault(site, key: makeFakeKey())
        try site.store.removeFile(for: secretKey.keyID)

        let vault = try site.vault()
        do {
            _ = try vault.openKey(.openai, organization: "acme", for: openai)
            Issue.record("opened without a secret key")
        } catch {
            guard case .secretKeyMissing(let organization, let keyID, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(organization == "acme")
            #expect(keyID == secretKey.keyID)
            #expect(error.message.contains("organization acme (key id \(secretKey.keyID))"))
        }
    }

    @Test func sealedValueCopiedToOtherProviderRejected() throws {
        let site = try VaultTestSite()
        var (vault, secretKey) = try makeVault(site, key: makeFakeKey())
        let deepseek = Provider.deepseek.documentedOrigin
        _ = try vault.setKey(
            secretBytes(makeFakeKey()), provider: .deepseek, organization: "acme", origin: deepseek, secretKey: secretKey)

        // Copy the sealed value alone: the approval no longer verifies.
        var copied = vault.entry(.deepseek)
        copied.sealed = vault.entry(.openai).sealed
        vault.replaceEntry(copied)
        #expect(throws: VaultError.approvalInvalid(vault.reference(copied, organization: "acme"), keyID: secretKey.keyID)) {
            try vault.openKey(.deepseek, organization: "acme", for: deepseek, secretKey: secretKey)
        }

        // An approver who signs the copy is stopped by the binding sealed inside it.
        let outcomes = try vault.approve(.deepseek, organization: "acme", secretKey: secretKey)
        guard case .failed(_, let error) = outcomes.first else {
            Issue.record("the copied value was approved: \(outcomes)")
            return
        }
        #expect(error == .bindingMismatch(vault.reference(copied, organization: "acme"), field: "provider", sealed: "openai"))

        // Even with a valid MAC over the copy, opening checks the binding.
        copied.approval = Approval.sign(binding: copied.binding(organization: "acme"), sealed: copied.sealed, secretKey: secretKey)
        vault.replaceEntry(copied)
        #expect(throws: VaultError.bindingMismatch(vault.reference(copied, organization: "acme"), field: "provider", sealed: "openai")) {
            try vault.openKey(.deepseek, organization: "acme", for: deepseek, secretKey: secretKey)
        }
    }

    @Test func sealedValueCopiedToOtherOrganizationRejected() throws {
        let site = try VaultTestSite()
        var (vault, _) = try makeVault(site, key: makeFakeKey())
        let betaKey = try vault.initialize(organization: "beta").secretKey

        var copied = vault.entry(.openai)
        copied.approval = Approval.sign(binding: copied.binding(organization: "beta"), sealed: copied.sealed, secretKey: betaKey)
        vault.replaceEntry(copied, of: "beta")
        // Sealed to acme's public key, so beta's secret key cannot open it.
        #expect(throws: VaultError.cannotOpen(vault.reference(copied, organization: "beta"), keyID: betaKey.keyID)) {
            try vault.openKey(.openai, organization: "beta", for: openai, secretKey: betaKey)
        }
    }

    @Test(arguments: [
        "https://api.openai.com.example.net",
        "https://example.net",
        "https://api.openai.com:8443",
        "http://127.0.0.1:8080",
        "https://openai.com",
    ])
    func originBoundEntryRejectedElsewhere(_ requested: String) throws {
        let site = try VaultTestSite()
        let (vault, secretKey) = try makeVault(site, key: makeFakeKey())
        let origin = try Origin.parse(requested)
        #expect(throws: VaultError.originMismatch(
            vault.reference(vault.entry(.openai), organization: "acme"), bound: openai, requested: origin)) {
            try vault.openKey(.openai, organization: "acme", for: origin, secretKey: secretKey)
        }
    }

    @Test func originWithUserInfoNeverParses() {
        #expect(throws: OriginError.self) { try Origin.parse("https://api.openai.com@example.net") }
        #expect(throws: OriginError.self) { try Origin.parse("https://user:pass@api.openai.com") }
    }

    @Test func originEquivalentSpellingOpens() throws {
        let site = try VaultTestSite()
        let key = makeFakeKey()
        let (vault, secretKey) = try makeVault(site, key: key)
        let opened = try vault.openKey(.openai, organization: "acme", for: Origin.parse("HTTPS://API.OpenAI.com:443/v1"), secretKey: secretKey)
        #expect(opened.text() == key)
    }

    @Test func entryOriginEditedAndResignedRejected() throws {
        let site = try VaultTestSite()
        var (vault, secretKey) = try makeVault(site, key: makeFakeKey())
        let other = try Origin.parse("https://proxy.example.net")
        var edited = vault.entry(.openai)
        edited.origin = other
        edited.approval = Approval.sign(binding: edited.binding(organization: "acme"), sealed: edited.sealed, secretKey: secretKey)
        vault.replaceEntry(edited)

        #expect(throws: VaultError.bindingMismatch(
            vault.reference(edited, organization: "acme"), field: "origin", sealed: "https://api.openai.com")) {
            try vault.openKey(.openai, organization: "acme", for: other, secretKey: secretKey)
        }
    }

    @Test func customEndpointBindsItsOrigin() throws {
        let site = try VaultTestSite()
        var (vault, secretKey) = try makeVault(site, key: makeFakeKey())
        let proxy = try Origin.parse("https://llm-proxy.example.com/openai/v1")
        _ = try vault.setKey(secretBytes(makeFakeKey()), provider: .openai, organization: "acme", origin: proxy, secretKey: secretKey)

        #expect(try vault.openKey(.openai, organization: "acme", for: proxy, secretKey: secretKey).origin == proxy)
        #expect(throws: VaultError.self) {
            try vault.openKey(.openai, organization: "acme", for: openai, secretKey: secretKey)
        }
    }

    @Test(arguments: [0, 1, 47, 48, 100, -1])
    func tamperedSealedByteDetected(_ position: Int) throws {
        let site = try VaultTestSite()
        var (vault, secretKey) = try makeVault(site, key: makeFakeKey())
        var tampered = vault.entry(.openai)
        let index = position >= 0 ? position : tampered.sealed.count - 1
        tampered.sealed[index] ^= 0x01
        vault.replaceEntry(tampered)
        let reference = vault.reference(tampered, organization: "acme")

        // The approval MAC covers the sealed value.
        #expect(throws: VaultError.approvalInvalid(reference, keyID: secretKey.keyID)) {
            try vault.openKey(.openai, organization: "acme", for: openai, secretKey: secretKey)
        }

        // With the MAC made again over the changed bytes, the sealed box itself rejects them.
        tampered.approval = Approval.sign(binding: tampered.binding(organization: "acme"), sealed: tampered.sealed, secretKey: secretKey)
        vault.replaceEntry(tampered)
        #expect(throws: VaultError.cannotOpen(reference, keyID: secretKey.keyID)) {
            try vault.openKey(.openai, organization: "acme", for: openai, secretKey: secretKey)
        }
    }

    @Test func tamperedApprovalByteDetected() throws {
        let site = try VaultTestSite()
        var (vault, secretKey) = try makeVault(site, key: makeFakeKey())
        var tampered = vault.entry(.openai)
        tampered.approval![5] ^= 0x80
        vault.replaceEntry(tampered)
        #expect(throws: VaultError.approvalInvalid(vault.reference(tampered, organization: "acme"), keyID: secretKey.keyID)) {
            try vault.openKey(.openai, organization: "acme", for: openai, secretKey: secretKey)
        }
    }

    @Test func tamperedFileOnDiskDetected() throws {
        let site = try VaultTestSite()
        let (vault, _) = try makeVault(site, key: makeFakeKey())
        let sealed = Data(vault.entry(.openai).sealed).base64EncodedString()
        let index = sealed.index(sealed.startIndex, offsetBy: 60)
        let swapped = sealed[index] == "A" ? "B" : "A"
        let text = try #require(site.site.read("byok.keys"))
        try site.site.write("byok.keys", text.replacingOccurrences(of: sealed, with: sealed.replacingCharacters(in: index...index, with: swapped)))

        let changed = try site.vault()
        do {
            _ = try changed.openKey(.openai, organization: "acme", for: openai)
            Issue.record("a changed file opened")
        } catch {
            guard case .approvalInvalid(let reference, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(reference.location?.line == 11)
            #expect(error.description.hasPrefix("byok.keys:11:7: the approval of the openai key of organization acme does not verify"))
        }
    }

    @Test func publicKeyOnlyEntryPendingUntilApproved() throws {
        let site = try VaultTestSite()
        var vault = try site.vault()
        let secretKey = try vault.initialize(organization: "acme").secretKey
        let key = makeFakeKey()

        // Sealed with the public key alone, as a writer without the secret key does.
        let outcome = try vault.setKey(secretBytes(key), provider: .openai, organization: "acme", origin: openai, secretKey: nil)
        #expect(!outcome.isApproved)
        try vault.save()

        var reloaded = try site.vault()
        let reference = reloaded.reference(reloaded.entry(.openai), organization: "acme")
        #expect(throws: VaultError.pendingApproval(reference, keyID: secretKey.keyID)) {
            try reloaded.openKey(.openai, organization: "acme", for: openai, secretKey: secretKey)
        }
        let message = VaultError.pendingApproval(reference, keyID: secretKey.keyID).description
        #expect(message.contains("pending approval"))
        #expect(message.contains("paragraph keys approve openai --org acme"))

        let outcomes = try reloaded.approve(.openai, organization: "acme", secretKey: secretKey)
        guard case .approved = outcomes.first else {
            Issue.record("not approved: \(outcomes)")
            return
        }
        #expect(try reloaded.openKey(.openai, organization: "acme", for: openai, secretKey: secretKey).text() == key)
    }

    @Test func pendingEntryApprovedWithOtherOrganizationStaysRejected() throws {
        let site = try VaultTestSite()
        var vault = try site.vault()
        let acmeKey = try vault.initialize(organization: "acme").secretKey
        let betaKey = try vault.initialize(organization: "beta").secretKey
        _ = try vault.setKey(secretBytes(makeFakeKey()), provider: .openai, organization: "acme", origin: openai, secretKey: nil)

        // `keys approve` with beta's secret key is rejected outright.
        #expect(throws: VaultError.secretKeyMismatch(
            organization: "acme", keyID: acmeKey.keyID, source: "the secret key given", foundKeyID: betaKey.keyID)) {
            try vault.approve(.openai, organization: "acme", secretKey: betaKey)
        }

        // A MAC made with beta's secret key, written in by hand, does not verify for acme.
        var entry = vault.entry(.openai)
        entry.approval = Approval.sign(binding: entry.binding(organization: "acme"), sealed: entry.sealed, secretKey: betaKey)
        vault.replaceEntry(entry)
        try vault.save()
        let reloaded = try site.vault()
        #expect(throws: VaultError.approvalInvalid(reloaded.reference(reloaded.entry(.openai), organization: "acme"), keyID: acmeKey.keyID)) {
            try reloaded.openKey(.openai, organization: "acme", for: openai, secretKey: acmeKey)
        }
    }

    @Test func openedKeyIsRegisteredWithRedactor() throws {
        let site = try VaultTestSite()
        let key = makeFakeKey()
        _ = try makeVault(site, key: key)
        let output = OutputCollector()
        let context = site.context(output: output)
        let vault = try site.vault(context)
        _ = try vault.openKey(.openai, organization: "acme", for: openai)

        context.print("sending \(key)")
        #expect(output.text == "sending sk-…\(key.suffix(4))\n")
    }
}
