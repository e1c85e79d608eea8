import Foundation
import Testing
@testable import ParagraphCore

/// `paragraph models test` and `paragraph keys verify` end to end: a site with a vault, keys
/// sealed for the mocks' loopback origins, and `base_url`s in byok.yaml that point at the mocks.
@Suite struct ProviderCommandTests {
    struct Fixture {
        let site: VaultTestSite
        let openAI: MockProviderAPI
        let groq: MockProviderAPI
    }

    /// Make a site whose vault contains an approved OpenAI key, and the Groq key `groqKey` when given.
    func makeFixture(groqKey: String? = nil) async throws -> Fixture {
        let site = try VaultTestSite()
        let initialized = await site.run(["vault", "init"])
        #expect(initialized.code == 0, "\(initialized.errors)")
        let openAI = try MockProviderAPI(.openai)
        let groq = try MockProviderAPI(.groq)
        openAI.answer = .object([("status", .string("ok"))])
        groq.answer = .object([("status", .string("ok"))])
        try site.site.write("byok.yaml", """
            organization: acme
            aliases:
              fast: groq/llama-3.1-8b-instant
            providers:
              openai: { base_url: "\(openAI.baseURL)" }
              groq: { base_url: "\(groq.baseURL)" }
            """)

        let setOpenAI = await site.run(["keys", "set", "openai", "--endpoint", openAI.server.baseURL], input: openAI.key + "\n")
        #expect(setOpenAI.code == 0, "\(setOpenAI.errors)")
        if let groqKey {
            let setGroq = await site.run(["keys", "set", "groq", "--endpoint", groq.server.baseURL], input: groqKey + "\n")
            #expect(setGroq.code == 0, "\(setGroq.errors)")
        }
        return Fixture(site: site, openAI: openAI, groq: groq)
    }

    @Test func modelsTestPrintsAnswerTokensAndCost() async throws {
        let fixture = try await makeFixture(groqKey: nil)
        let result = await fixture.site.run(["models", "test", "openai/gpt-5-mini", "builtin"])

        #expect(result.code == 0, "\(result.errors)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        let cost = String(format: "$%.6f", (92 * 0.25 + 15 * 2.00) / 1_000_000)
        #expect(lines[0] == "openai/gpt-5-mini: ok {\"status\":\"ok\"} (92 input and 15 output tokens, \(cost))")
        #expect(lines[1] == "builtin: ok (offline engine, no request needed)")
        let request = try #require(fixture.openAI.completionRequests.first)
        #expect(request.headers["authorization"] == "Bearer \(fixture.openAI.key)")
        #expect(!result.output.contains(fixture.openAI.key))
        #expect(!result.errors.contains(fixture.openAI.key))
        let ledger = UsageLedger(siteRoot: fixture.site.root).records().records
        #expect(ledger.map(\.model) == ["gpt-5-mini"])
        #expect(ledger.first?.workflow == "models test")
    }

    @Test func modelsTestFailsForMissingKey() async throws {
        let fixture = try await makeFixture(groqKey: nil)
        let result = await fixture.site.run(["models", "test", "fast", "openai/gpt-5-mini"])

        #expect(result.code == 1)
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines[0] == "groq/llama-3.1-8b-instant: no key: no approved Groq key; add one with `paragraph keys set groq`")
        #expect(lines[1].hasPrefix("openai/gpt-5-mini: ok "))
        #expect(fixture.groq.server.requests.isEmpty)
    }

    @Test func modelsTestReportsInvalidKey() async throws {
        let fixture = try await makeFixture(groqKey: MockProviderAPI.fakeKey(for: .groq))
        let result = await fixture.site.run(["models", "test", "groq/llama-3.1-8b-instant"])

        #expect(result.code == 1)
        #expect(result.output.hasPrefix("groq/llama-3.1-8b-instant: invalid key: Groq rejected the API key (HTTP 401: Invalid API Key)."))
        #expect(fixture.groq.completionRequests.count == 1)
    }

    @Test func modelsTestNeedsModel() async throws {
        let fixture = try await makeFixture()
        let result = await fixture.site.run(["models", "test"])
        #expect(result.code == 2)
        #expect(result.errors.contains("models test needs at least one MODEL"))
    }

    @Test func modelsListsCatalog() async throws {
        let fixture = try await makeFixture()
        let result = await fixture.site.run(["models"])

        #expect(result.code == 0)
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("MODEL"))
        #expect(lines[1].hasPrefix("builtin"))
        let groqLine = try #require(lines.first { $0.hasPrefix("groq/openai/gpt-oss-120b ") })
        let columns = groqLine.split(separator: " ").map(String.init)
        #expect(columns == ["groq/openai/gpt-oss-120b", "131072", "no", "schema", "no", "0.15", "0.6"])
        #expect(lines.count == ModelCatalog.standard.models.count + 2)
    }

    @Test func keysVerifyReportsEachProvider() async throws {
        let fixture = try await makeFixture(groqKey: MockProviderAPI.fakeKey(for: .groq))
        let result = await fixture.site.run(["keys", "verify"])

        #expect(result.code == 1)
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 6)
        #expect(lines[0] == "openai: ok (3 models)")
        #expect(lines[1] == "anthropic: no key; add one with `paragraph keys set anthropic`")
        #expect(lines.contains { $0.hasPrefix("groq: invalid key: Groq rejected the API key") })
        #expect(fixture.openAI.server.requests.first?.path == "/v1/models")
    }

    @Test func keysVerifyOneProvider() async throws {
        let fixture = try await makeFixture(groqKey: nil)
        let result = await fixture.site.run(["keys", "verify", "openai"])

        #expect(result.code == 0, "\(result.errors)")
        #expect(result.output == "openai: ok (3 models)\n")
        #expect(fixture.groq.server.requests.isEmpty)
    }

    @Test func keysVerifyReportsUnreachable() async throws {
        let fixture = try await makeFixture()
        fixture.openAI.server.stop()
        let result = await fixture.site.run(["keys", "verify", "openai"])

        #expect(result.code == 1)
        #expect(result.output.hasPrefix("openai: unreachable: could not reach OpenAI"))
    }

    @Test func keysVerifyNeedsSecretKey() async throws {
        let fixture = try await makeFixture()
        let elsewhere = fixture.site.configurationFolder.appendingPathComponent("elsewhere").path
        let result = await fixture.site.run(["keys", "verify", "openai"], environment: ["XDG_CONFIG_HOME": elsewhere])

        #expect(result.code == 2)
        #expect(result.errors.contains("secret key"))
        #expect(fixture.openAI.server.requests.isEmpty)
    }

    @Test func keyBoundToAnotherOriginNotSent() async throws {
        let fixture = try await makeFixture()
        let other = try MockProviderAPI(.openai)
        try fixture.site.site.write("byok.yaml", """
            organization: acme
            providers:
              openai: { base_url: "\(other.baseURL)" }
            """)
        let result = await fixture.site.run(["keys", "verify", "openai"])

        #expect(result.code == 0)
        #expect(result.output == "openai: no key; add one with `paragraph keys set openai`\n")
        #expect(result.errors.contains("127.0.0.1"))
        #expect(other.server.requests.isEmpty)
    }
}
