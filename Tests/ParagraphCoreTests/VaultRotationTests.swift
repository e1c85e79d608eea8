import Foundation
import Testing
@testable import ParagraphCore

/// `Vault.rotate`: a new key pair, every key re-sealed, and safe at every step.
@Suite struct VaultRotationTests {
    struct Fixture {
        let site: VaultTestSite
        let oldSecretKey: SecretKey
        /// The plain keys by provider: openai approved, deepseek pending, groq with a bad approval.
        let keys: [Provider: String]

        /// List the names in the secret-key folder, sorted.
        func secretKeyFiles() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: site.store.folder!.path).sorted()
        }
    }

    func makeFixture() throws -> Fixture {
        let site = try VaultTestSite()
        var vault = try site.vault()
        let secretKey = try vault.initialize(organization: "acme").secretKey
        _ = try vault.initialize(organization: "beta")
        let keys: [Provider: String] = [.openai: makeFakeKey(), .deepseek: makeFakeKey(), .groq: makeFakeKey()]
        for (provider, key) in keys {
            _ = try vault.setKey(
                secretBytes(key), provider: provider, organization: "acme", origin: provider.documentedOrigin,
                secretKey: provider == .deepseek ? nil : secretKey)
        }
        var groq = vault.entry(.groq)
        groq.approval![0] ^= 0xFF
        vault.replaceEntry(groq)
        try vault.save()
        return Fixture(site: site, oldSecretKey: secretKey, keys: keys)
    }

    /// Check that the vault on disk opens completely with the secret key found for it,
    /// and return that key's id.
    func checkOpensCompletely(_ fixture: Fixture, expectReapproved: Bool) throws -> KeyID {
        let vault = try fixture.site.vault()
        let organization = try vault.organization("acme")
        let secretKey = try vault.secretKey(for: "acme")

        for (provider, entry) in organization.entries {
            let key = try vault.unseal(entry, organization: organization, secretKey: secretKey)
            #expect(key.isEqual(to: secretBytes(fixture.keys[provider]!)), "\(provider) opens to its key")
        }
        #expect(try vault.openKey(.openai, organization: "acme", for: Provider.openai.documentedOrigin).text() == fixture.keys[.openai])
        #expect(organization.entries[.deepseek]?.isPending == true)
        let groq = try #require(organization.entries[.groq])
        if expectReapproved {
            #expect(groq.isPending, "a bad approval is not carried over")
        } else {
            #expect(!groq.isPending)
            #expect(!vault.isApproved(groq, organization: organization, secretKey: secretKey))
        }
        #expect(vault.file.organizations["beta"] != nil)
        return secretKey.keyID
    }

    func temporaryFiles(_ site: VaultTestSite) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(SiteScanner.temporaryFilePrefix) }
    }

    @Test func rotationResealsAndReapprovesVerifiedOnly() throws {
        let fixture = try makeFixture()
        var vault = try fixture.site.vault()
        let result = try vault.rotate(organization: "acme")

        #expect(result.oldKeyID == fixture.oldSecretKey.keyID)
        #expect(result.newKeyID != result.oldKeyID)
        #expect(result.reapproved == [.openai])
        #expect(result.pending == [.deepseek, .groq])
        #expect(result.removedSecretKeyFile == fixture.site.store.fileURL(for: result.oldKeyID))
        #expect(!FileManager.default.fileExists(atPath: fixture.site.store.fileURL(for: result.oldKeyID)!.path))
        #expect(try checkOpensCompletely(fixture, expectReapproved: true) == result.newKeyID)
        #expect(try temporaryFiles(fixture.site).isEmpty)

        // The old secret key opens nothing any more.
        let rotated = try fixture.site.vault()
        #expect(throws: VaultError.self) {
            try rotated.openKey(.openai, organization: "acme", for: Provider.openai.documentedOrigin, secretKey: fixture.oldSecretKey)
        }
    }

    @Test(arguments: RotationStep.allCases)
    func interruptedRotationLeavesOpenableVault(after step: RotationStep) throws {
        let fixture = try makeFixture()
        let filesBefore = try fixture.secretKeyFiles()
        var vault = try fixture.site.vault()
        let injected = VaultError.cannotWrite(path: "test", reason: "interrupted after \(step.rawValue)")

        #expect(throws: injected) {
            try vault.rotate(organization: "acme") { (current: RotationStep) throws(VaultError) in
                if current == step { throw injected }
            }
        }

        let replaced = RotationStep.allCases.firstIndex(of: step)! >= RotationStep.allCases.firstIndex(of: .replacedFile)!
        let keyID = try checkOpensCompletely(fixture, expectReapproved: replaced)
        if replaced {
            #expect(keyID != fixture.oldSecretKey.keyID, "the new key pair is in place")
        } else {
            #expect(keyID == fixture.oldSecretKey.keyID, "the old key pair is still in place")
            #expect(try fixture.secretKeyFiles() == filesBefore, "no unused secret-key file is left")
        }
        #expect(try temporaryFiles(fixture.site).isEmpty)
    }

    @Test func rotationWithEnvironmentSecretKeyKeepsNoOldFile() throws {
        let fixture = try makeFixture()
        try fixture.site.store.removeFile(for: fixture.oldSecretKey.keyID)
        let text = fixture.oldSecretKey.base64Text().withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        var vault = try fixture.site.vault(fixture.site.context(environment: ["PARAGRAPH_SECRET_KEY": text]))

        let result = try vault.rotate(organization: "acme")
        #expect(result.removedSecretKeyFile == nil)
        #expect(try checkOpensCompletely(fixture, expectReapproved: true) == result.newKeyID)
    }

    @Test func rotationStopsOnEntryThatDoesNotOpen() throws {
        let fixture = try makeFixture()
        var vault = try fixture.site.vault()
        var broken = vault.entry(.deepseek)
        broken.sealed[10] ^= 0x01
        vault.replaceEntry(broken)
        try vault.save()
        let before = fixture.site.site.read("byok.keys")
        let filesBefore = try fixture.secretKeyFiles()

        var reloaded = try fixture.site.vault()
        #expect(throws: VaultError.cannotOpen(reloaded.reference(reloaded.entry(.deepseek), organization: "acme"), keyID: fixture.oldSecretKey.keyID)) {
            try reloaded.rotate(organization: "acme")
        }
        #expect(fixture.site.site.read("byok.keys") == before)
        #expect(try fixture.secretKeyFiles() == filesBefore)
    }
}
