import Foundation
import Testing
@testable import ParagraphCore

/// `paragraph keys` and `paragraph vault` run end to end in a temporary site.
@Suite struct KeysCommandTests {
    /// Make a site whose organization acme has a key pair made by `vault init`.
    func makeSite(organization: String? = "acme") async throws -> VaultTestSite {
        let site = try VaultTestSite(organization: organization)
        let result = await site.run(["vault", "init", "--org", "acme"])
        #expect(result.code == 0, "\(result.errors)")
        return site
    }

    /// Return environment variables that put the secret key out of reach, as for a writer without access.
    func withoutSecretKey(_ site: VaultTestSite) -> [String: String] {
        ["XDG_CONFIG_HOME": site.configurationFolder.appendingPathComponent("elsewhere").path]
    }

    @Test func vaultInitWritesBothHalvesAndExplainsCI() async throws {
        let site = try VaultTestSite()
        let result = await site.run(["vault", "init"])
        #expect(result.code == 0)
        #expect(result.errors.isEmpty)

        let vault = try site.vault()
        let keyID = try vault.organization("acme").keyID
        let secretFile = try #require(site.store.fileURL(for: keyID))
        #expect(FileManager.default.fileExists(atPath: secretFile.path))
        #expect(result.output.contains("Created a key pair for organization acme (key id \(keyID))."))
        #expect(result.output.contains("gh secret set PARAGRAPH_SECRET_KEY --env production < \(secretFile.path)"))
        #expect(result.output.contains("protected branches"))
        #expect(!result.output.contains("Set `organization: acme` in byok.yaml"))
    }

    @Test func vaultInitRejectsExistingKeyPair() async throws {
        let site = try await makeSite()
        let before = site.site.read("byok.keys")
        let result = await site.run(["vault", "init"])
        #expect(result.code == 2)
        #expect(result.errors.contains("organization acme already has a key pair"))
        #expect(result.errors.contains("paragraph vault rotate --org acme"))
        #expect(site.site.read("byok.keys") == before)
    }

    @Test func vaultInitWithoutOrganizationExplainsOption() async throws {
        let site = try VaultTestSite(organization: nil)
        let result = await site.run(["vault", "init"])
        #expect(result.code == 2)
        #expect(result.errors == "error: no organization given; pass --org ORG, or set `organization:` in byok.yaml\n")

        let named = await site.run(["vault", "init", "--org", "beta"])
        #expect(named.code == 0)
        #expect(named.output.contains("Set `organization: beta` in byok.yaml"))
    }

    @Test func keysSetWithSecretKeyApprovesAtOnce() async throws {
        let site = try await makeSite()
        let key = makeFakeKey()
        let result = await site.run(["keys", "set", "openai"], input: key + "\n")
        #expect(result.code == 0, "\(result.errors)")
        #expect(result.output.contains("Sealed the openai key of organization acme (sk-…\(key.suffix(4))) for https://api.openai.com."))
        #expect(result.output.contains("Approved with the secret key"))

        let vault = try site.vault()
        #expect(try vault.openKey(.openai, organization: "acme", for: Provider.openai.documentedOrigin).text() == key)
    }

    @Test func keysSetWithoutSecretKeyRecordsPending() async throws {
        let site = try await makeSite()
        let keyID = try site.vault().organization("acme").keyID
        let result = await site.run(["keys", "set", "groq"], input: makeFakeKey(), environment: withoutSecretKey(site))
        #expect(result.code == 0, "\(result.errors)")
        #expect(result.errors.isEmpty)
        #expect(result.output.contains("It is pending and will not be used until a holder of acme's secret key (key id \(keyID)) runs:"))
        #expect(result.output.contains("  paragraph keys approve groq\n"))

        let approve = await site.run(["keys", "approve", "groq"])
        #expect(approve.code == 0, "\(approve.errors)")
        #expect(approve.output.contains("Approved the groq key of organization acme"))
        #expect(try site.vault().entry(.groq).isPending == false)
    }

    @Test func keysSetWithUnsafeSecretKeyWarnsAndRecordsPending() async throws {
        let site = try await makeSite()
        let keyID = try site.vault().organization("acme").keyID
        chmod(site.store.fileURL(for: keyID)!.path, 0o644)
        let result = await site.run(["keys", "set", "xai"], input: makeFakeKey())
        #expect(result.code == 0)
        #expect(result.errors.contains("chmod 600"))
        #expect(result.errors.contains("the new key is saved as pending"))
        #expect(try site.vault().entry(.xai).isPending)
    }

    @Test func keysSetRejectsKeyArgument() async throws {
        let site = try await makeSite()
        let key = makeFakeKey()
        let result = await site.run(["keys", "set", "openai", key])
        #expect(result.code == 2)
        #expect(result.errors.contains("keys set never takes the key as an argument"))
        #expect(!result.errors.contains(key))
        #expect(try site.vault().organization("acme").entries.isEmpty)
    }

    @Test func keysSetReplacingSaysSo() async throws {
        let site = try await makeSite()
        let first = makeFakeKey()
        _ = await site.run(["keys", "set", "openai"], input: first)
        let result = await site.run(["keys", "set", "openai"], input: makeFakeKey())
        #expect(result.code == 0)
        #expect(result.output.contains("It replaces the earlier key sk-…\(first.suffix(4)) (approved, set 2026-06-01)."))
    }

    @Test func keysSetBindsEndpointOrigin() async throws {
        let site = try await makeSite()
        let result = await site.run(["keys", "set", "openai", "--endpoint", "http://LOCALHOST:8080/v1"], input: makeFakeKey())
        #expect(result.code == 0, "\(result.errors)")
        #expect(result.output.contains("for http://localhost:8080."))
        #expect(try site.vault().entry(.openai).origin.description == "http://localhost:8080")

        let rejected = await site.run(["keys", "set", "openai", "--endpoint", "http://proxy.example.com"], input: makeFakeKey())
        #expect(rejected.code == 2)
        #expect(rejected.errors.contains("http is allowed only for loopback hosts"))
    }

    @Test func keysSetRejectsBadInput() async throws {
        let site = try await makeSite()
        let empty = await site.run(["keys", "set", "openai"])
        #expect(empty.code == 2)
        #expect(empty.errors.contains("no key was given"))

        let twoLines = await site.run(["keys", "set", "openai"], input: "sk-test-aaaaaaaaaaaaaaaa\nsk-test-bbbbbbbbbbbbbbbb")
        #expect(twoLines.code == 2)
        #expect(twoLines.errors.contains("paste the key alone, on one line"))

        let unknown = await site.run(["keys", "set", "mistral"], input: makeFakeKey())
        #expect(unknown.code == 2)
        #expect(unknown.errors.contains("unknown provider \"mistral\""))
    }

    @Test func keysSetWithoutKeyPairNamesInit() async throws {
        let site = try VaultTestSite()
        let result = await site.run(["keys", "set", "openai"], input: makeFakeKey())
        #expect(result.code == 2)
        #expect(result.errors.contains("organization acme has no key pair here; create one with `paragraph vault init --org acme`"))
    }

    @Test func keysListShowsEveryColumn() async throws {
        let site = try await makeSite()
        let key = makeFakeKey()
        _ = await site.run(["keys", "set", "openai"], input: key)
        _ = await site.run(["keys", "set", "deepseek"], input: makeFakeKey(), environment: withoutSecretKey(site))

        let result = await site.run(["keys", "list"])
        #expect(result.code == 0)
        let lines = result.output.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(lines.first == "PROVIDER ORGANIZATION ORIGIN MASK APPROVAL SET SECRET KEY")
        let deepseek = try #require(lines.first { $0.hasPrefix("deepseek ") })
        #expect(deepseek.hasPrefix("deepseek acme https://api.deepseek.com sk-…"))
        #expect(deepseek.hasSuffix("pending 2026-06-01 available"))
        #expect(lines.contains("openai acme https://api.openai.com sk-…\(key.suffix(4)) approved 2026-06-01 available"))
        #expect(result.errors.contains("warning: the deepseek key of organization acme is pending approval"))

        let without = await site.run(["keys", "list"], environment: withoutSecretKey(site))
        #expect(without.output.contains("approved (unverified)"))
        #expect(without.output.contains("not available"))
    }

    @Test func keysListJSON() async throws {
        let site = try await makeSite()
        _ = await site.run(["keys", "set", "anthropic"], input: makeFakeKey())
        let result = await site.run(["keys", "list", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let organizations = try #require(object["organizations"] as? [[String: Any]])
        #expect(organizations.first?["name"] as? String == "acme")
        #expect(organizations.first?["secret_key_available"] as? Bool == true)
        let keys = try #require(organizations.first?["keys"] as? [[String: Any]])
        #expect(keys.first?["provider"] as? String == "anthropic")
        #expect(keys.first?["approval"] as? String == "approved")
    }

    @Test func keysListWarnsOnInvalidApproval() async throws {
        let site = try await makeSite()
        _ = await site.run(["keys", "set", "openai"], input: makeFakeKey())
        var vault = try site.vault()
        var entry = vault.entry(.openai)
        entry.approval![0] ^= 1
        vault.replaceEntry(entry)
        try vault.save()

        let result = await site.run(["keys", "list"])
        #expect(result.output.contains(" invalid "))
        #expect(result.errors.contains("byok.keys:11:7: warning: the approval of the openai key of organization acme does not verify"))
    }

    @Test func keysRemoveDeletesEntryAndAdvisesRevoking() async throws {
        let site = try await makeSite()
        _ = await site.run(["keys", "set", "google"], input: makeFakeKey())
        let result = await site.run(["keys", "remove", "google"])
        #expect(result.code == 0)
        #expect(result.output.contains("revoke it at google"))
        #expect(try site.vault().organization("acme").entries.isEmpty)

        let again = await site.run(["keys", "remove", "google"])
        #expect(again.code == 2)
        #expect(again.errors.contains("organization acme has no google key"))
    }

    @Test func keysApproveWithoutSecretKeyNamesKeyID() async throws {
        let site = try await makeSite()
        _ = await site.run(["keys", "set", "openai"], input: makeFakeKey(), environment: withoutSecretKey(site))
        let keyID = try site.vault().organization("acme").keyID
        let result = await site.run(["keys", "approve"], environment: withoutSecretKey(site))
        #expect(result.code == 2)
        #expect(result.errors.contains("no secret key for organization acme (key id \(keyID))"))
    }

    @Test func keysApproveAllApprovesPendingOnly() async throws {
        let site = try await makeSite()
        _ = await site.run(["keys", "set", "openai"], input: makeFakeKey())
        _ = await site.run(["keys", "set", "groq"], input: makeFakeKey(), environment: withoutSecretKey(site))
        let result = await site.run(["keys", "approve"])
        #expect(result.code == 0)
        #expect(result.output.contains("Approved the groq key of organization acme"))
        #expect(result.output.contains("The openai key of organization acme is already approved."))
    }

    @Test func vaultRotatePrintsProviderReminder() async throws {
        let site = try await makeSite()
        _ = await site.run(["keys", "set", "openai"], input: makeFakeKey())
        let oldKeyID = try site.vault().organization("acme").keyID
        let result = await site.run(["vault", "rotate"])
        #expect(result.code == 0, "\(result.errors)")
        let newKeyID = try site.vault().organization("acme").keyID
        #expect(result.output.contains("key id \(oldKeyID) -> \(newKeyID)"))
        #expect(result.output.contains("approved again: openai"))
        #expect(result.output.contains("rotate\neach provider key at its provider"))
        #expect(result.output.contains("gh secret set PARAGRAPH_SECRET_KEY"))
    }

    @Test func unknownActionsRejected() async throws {
        let site = try await makeSite()
        let keys = await site.run(["keys", "rename"])
        #expect(keys.code == 2)
        #expect(keys.errors.contains("unknown action \"rename\"; use set, list, remove, approve or verify"))
        let vault = await site.run(["vault", "open"])
        #expect(vault.code == 2)
        #expect(vault.errors.contains("unknown action \"open\"; use init or rotate"))
    }
}
