import Foundation
import Testing
@testable import ParagraphCore

/// Six mock providers and a site whose `byok.yaml` points every `base_url` at them.
private struct MockProviders {
    var apis: [Provider: MockProviderAPI] = [:]
    var site = SiteConfiguration()

    init() throws {
        for provider in Provider.allCases {
            let api = try MockProviderAPI(provider)
            api.answer = .object([("status", .string("ok"))])
            apis[provider] = api
            site.providers[provider] = SiteConfiguration.ProviderSettings(baseURL: api.baseURL)
        }
    }

    /// The approved keys, as the vault would return them.
    var keys: [Provider: String] {
        apis.mapValues(\.key)
    }
}

@Suite struct ProviderModelTesterTests {
    @Test func everyProviderAnswers() async throws {
        let mocks = try MockProviders()
        let keys = mocks.keys
        let tester = ModelTester(site: mocks.site, client: try HTTPClient(), keyLookup: { keys[$0] })
        let models = Provider.allCases.map { "\($0.rawValue)/\(ProviderErrorCase.model(for: $0))" }

        let results = await tester.test(models)

        #expect(results.count == 6)
        for (result, model) in zip(results, models) {
            #expect(result.requested == model)
            #expect(result.succeeded, "\(ModelTester.report(result))")
            let line = ModelTester.report(result)
            #expect(line.hasPrefix("\(model): ok {\"status\":\"ok\"} ("), "\(line)")
            #expect(line.contains("$0.0"), "\(line)")
        }
        for (provider, api) in mocks.apis {
            // The probe's schema reaches every provider, as a schema or inside the system message.
            #expect(try api.lastBody().serialized().contains("additionalProperties"), "\(provider)")
            #expect(api.completionRequests.count == 1, "\(provider)")
        }
    }

    @Test func aliasResolvedFromSite() async throws {
        var mocks = try MockProviders()
        mocks.site.aliases["fast"] = .model(.groq, "llama-3.1-8b-instant")
        let keys = mocks.keys
        let tester = ModelTester(site: mocks.site, client: try HTTPClient(), keyLookup: { keys[$0] })

        let result = await tester.test("fast")

        #expect(result.resolved == .model(.groq, "llama-3.1-8b-instant"))
        #expect(result.succeeded)
        #expect(try mocks.apis[.groq]!.lastBody()["model"] == .string("llama-3.1-8b-instant"))
    }

    @Test func failuresReportedWithKind() async throws {
        let mocks = try MockProviders()
        var keys = mocks.keys
        keys[.openai] = MockProviderAPI.fakeKey(for: .openai)
        keys[.xai] = nil
        let lookup = keys
        let tester = ModelTester(site: mocks.site, client: try HTTPClient(), keyLookup: { lookup[$0] })

        let results = await tester.test(["openai/gpt-5-mini", "xai/grok-3-mini", "nowhere/model", "unknown-alias", "builtin"])

        let lines = results.map(ModelTester.report)
        #expect(lines[0].hasPrefix("openai/gpt-5-mini: invalid key: OpenAI rejected the API key"))
        #expect(!lines[0].contains(lookup[.openai]!))
        #expect(lines[1] == "xai/grok-3-mini: no key: no approved xAI key; add one with `paragraph keys set xai`")
        #expect(lines[2].hasPrefix("nowhere/model: invalid model: unknown provider \"nowhere\""))
        #expect(lines[3] == "unknown-alias: unknown alias: \"unknown-alias\" is neither `provider/model` nor an alias in byok.yaml")
        #expect(lines[4] == "builtin: ok (offline engine, no request needed)")
        #expect(results.map(\.succeeded) == [false, false, false, false, true])
        #expect(mocks.apis[.xai]!.server.requests.isEmpty)
    }

    @Test func retriesEndWithLastFailure() async throws {
        let mocks = try MockProviders()
        let api = mocks.apis[.anthropic]!
        let overloaded = MockReply.json(#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#, status: 529)
        api.enqueue(overloaded, overloaded)
        let keys = mocks.keys
        let clock = FakeClock()
        let tester = ModelTester(
            site: mocks.site, client: try HTTPClient(), keyLookup: { keys[$0] },
            retry: RetryDriver(policy: RetryPolicy(maxAttempts: 2), clock: clock, random: { 0 }))

        let result = await tester.test("anthropic/claude-haiku-4-5")

        guard case .failed(.retriesExhausted(let error, let attempts)) = result.outcome else {
            Issue.record("expected exhausted retries, got \(result.outcome)")
            return
        }
        #expect(error.kind == "overloaded")
        #expect(attempts == 2)
        #expect(clock.recordedSleeps == [.milliseconds(250)])
        #expect(ModelTester.report(result).hasSuffix("(gave up after 2 attempts)"))
    }

    @Test func probeAsksForStructuredAnswer() {
        let probe = ModelTester.probe
        #expect(probe.output?.name == "connection_check")
        #expect(probe.output?.schema["required"] == .array([.string("status")]))
        #expect(probe.maxOutputTokens == 1024)
    }
}

@Suite struct ProviderKeyVerifierTests {
    @Test func everyKeyAccepted() async throws {
        let mocks = try MockProviders()
        let keys = mocks.keys
        let verifier = KeyVerifier(site: mocks.site, client: try HTTPClient(), keyLookup: { keys[$0] })

        let results = await verifier.verify()

        #expect(results.map(\.provider) == Provider.allCases)
        for result in results {
            #expect(result.status.label == "ok", "\(KeyVerifier.report(result))")
            #expect(KeyVerifier.report(result).hasPrefix("\(result.provider.rawValue): ok ("))
        }
        for (provider, api) in mocks.apis {
            #expect(api.server.requests.count == 1, "\(provider)")
            #expect(api.server.requests.first?.method == "GET", "\(provider)")
        }
    }

    @Test func statusesDistinguished() async throws {
        var mocks = try MockProviders()
        var keys = mocks.keys
        keys[.google] = MockProviderAPI.fakeKey(for: .google)
        keys[.deepseek] = nil
        // A refused connection, on a port no other test's mock can take over while this one runs.
        let refused = try ReservedPort()
        mocks.site.providers[.groq]?.baseURL = refused.baseURL + MockProviderAPI.basePath(.groq)
        mocks.apis[.anthropic]!.server.route("GET", "/v1/models") { _ in
            .json(#"{"type":"error","error":{"type":"api_error","message":"Internal server error"}}"#, status: 500)
        }
        let lookup = keys
        let verifier = KeyVerifier(site: mocks.site, client: try HTTPClient(), keyLookup: { lookup[$0] })

        let results = await verifier.verify([.google, .deepseek, .groq, .anthropic, .openai])

        #expect(results.map(\.status.label) == ["invalid key", "no key", "unreachable", "server error", "ok"])
        let lines = results.map(KeyVerifier.report)
        #expect(lines[0].hasPrefix("google: invalid key: Google AI (Gemini API) rejected the API key"))
        #expect(!lines[0].contains(lookup[.google]!))
        #expect(lines[1] == "deepseek: no key; add one with `paragraph keys set deepseek`")
        #expect(lines[2].hasPrefix("groq: unreachable: could not reach Groq"))
        withExtendedLifetime(refused) {}
    }

    @Test func singleProviderVerified() async throws {
        let mocks = try MockProviders()
        let keys = mocks.keys
        mocks.apis[.xai]!.models = ["grok-4-1-fast-reasoning"]
        let verifier = KeyVerifier(site: mocks.site, client: try HTTPClient(), keyLookup: { keys[$0] })

        let result = await verifier.verify(.xai)

        guard case .ok(let models) = result.status else {
            Issue.record("expected ok, got \(result.status.label)")
            return
        }
        #expect(models == ["grok-4-1-fast-reasoning"])
        #expect(KeyVerifier.report(result) == "xai: ok (1 model)")
        #expect(mocks.apis[.openai]!.server.requests.isEmpty)
    }
}
