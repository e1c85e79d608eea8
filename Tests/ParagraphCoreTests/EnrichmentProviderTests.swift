import Foundation
import Testing
@testable import ParagraphCore

/// `paragraph enrich` against the six loopback provider mocks, with keys sealed in a real vault.
@Suite struct EnrichmentProviderTests {
    static let models: [Provider: String] = [
        .openai: "gpt-5-mini", .anthropic: "claude-haiku-4-5", .google: "gemini-2.5-flash",
        .xai: "grok-4-1-fast-reasoning", .groq: "llama-3.1-8b-instant", .deepseek: "deepseek-v4-flash",
    ]

    /// How page number `i` chooses its model, by `i % 8`.
    static func frontMatter(_ index: Int) -> String {
        switch index % 8 {
        case 0: return ""  // the site default, OpenAI
        case 1: return "model: claude\n"
        case 2: return "model: google/\(models[.google]!)\n"
        case 3: return "ai: { seo: xai/\(models[.xai]!) }\n"
        case 4: return "model: fast\n"
        case 5: return "model: deepseek/\(models[.deepseek]!)\n"
        case 6: return "model: builtin\n"
        default: return "model: openai/\(models[.openai]!)\ndescription: A person wrote this description.\n"
        }
    }

    static func provider(ofPage index: Int) -> Provider? {
        [.openai, .anthropic, .google, .xai, .groq, .deepseek, nil, .openai][index % 8]
    }

    static let pageCount = 30

    final class Fixture: Sendable {
        let site: VaultTestSite
        let mocks: [Provider: MockProviderAPI]

        init(site: VaultTestSite, mocks: [Provider: MockProviderAPI]) {
            self.site = site
            self.mocks = mocks
        }

        func completions(_ provider: Provider) -> Int { mocks[provider]!.completionRequests.count }

        var totalCompletions: Int { mocks.values.reduce(0) { $0 + $1.completionRequests.count } }

        func page(_ index: Int) -> String { site.site.read("content/page-\(index).md") ?? "" }
    }

    static func answer(for provider: Provider) -> JSONValue {
        .object([
            ("description", .string("From \(provider.rawValue): a short summary of this page.")),
            ("seo_title", .string("A title from \(provider.rawValue)")),
            ("keywords", .array([.string("testing"), .string("mock \(provider.rawValue)"), .string("metadata")])),
            ("slug", .string("from-\(provider.rawValue)")),
            ("alt", .string("A picture chosen by \(provider.rawValue)")),
            ("caption", .string("A caption from \(provider.rawValue).")),
        ])
    }

    static func makeFixture(
        extraConfiguration: String = "", openAISettings: String = "", keyFor: (Provider) -> Bool = { _ in true },
        frontMatter: (Int) -> String = frontMatter
    ) async throws -> Fixture {
        let site = try VaultTestSite()
        let initialized = await site.run(["vault", "init"])
        #expect(initialized.code == 0, "\(initialized.errors)")
        var mocks: [Provider: MockProviderAPI] = [:]
        for provider in Provider.allCases {
            let mock = try MockProviderAPI(provider)
            mock.answer = answer(for: provider)
            mocks[provider] = mock
        }
        let baseURLs = Provider.allCases.map { "  \($0.rawValue): { base_url: \"\(mocks[$0]!.baseURL)\"\($0 == .openai ? openAISettings : "") }" }.joined(separator: "\n")
        try site.site.write("byok.yaml", """
            organization: acme
            defaults: { model: openai/\(models[.openai]!) }
            fill: [description, seo.keywords]
            aliases:
              fast: groq/\(models[.groq]!)
              claude: anthropic/\(models[.anthropic]!)
            providers:
            \(baseURLs)
            \(extraConfiguration)
            """)
        for provider in Provider.allCases where keyFor(provider) {
            let mock = mocks[provider]!
            let set = await site.run(["keys", "set", provider.rawValue, "--endpoint", mock.server.baseURL], input: mock.key + "\n")
            #expect(set.code == 0, "\(set.errors)")
        }
        for index in 0..<pageCount {
            try site.site.write("content/page-\(index).md", """
                ---
                title: Page number \(index)
                \(frontMatter(index))---
                # Page number \(index)

                This page explains topic \(index) in a few plain sentences, so that a model has text to read.
                """)
        }
        return Fixture(site: site, mocks: mocks)
    }

    @Test func enrichFillsFieldsWithChosenProviders() async throws {
        let fixture = try await Self.makeFixture()
        let result = await fixture.site.run(["enrich", "--write"])
        #expect(result.code == 0, "\(result.errors)")

        for index in 0..<Self.pageCount {
            let page = fixture.page(index)
            switch Self.provider(ofPage: index) {
            case .some(let provider) where index % 8 == 7:
                #expect(page.contains("description: A person wrote this description."), "page \(index)")
                #expect(page.contains("mock \(provider.rawValue)"), "page \(index): \(page)")
            case .some(let provider):
                #expect(page.contains("From \(provider.rawValue): a short summary of this page."), "page \(index): \(page)")
                #expect(page.contains("mock \(provider.rawValue)"), "page \(index)")
            case .none:
                #expect(!page.contains("From "), "page \(index): \(page)")
                #expect(page.contains("description:"), "page \(index)")
            }
        }
        for provider in Provider.allCases {
            let expected = (0..<Self.pageCount).filter { Self.provider(ofPage: $0) == provider }.count
            #expect(fixture.completions(provider) == expected, "\(provider)")
        }
        let openAIRequest = try #require(fixture.mocks[.openai]!.completionRequests.first)
        #expect(openAIRequest.headers["authorization"] == "Bearer \(fixture.mocks[.openai]!.key)")
        let anthropicRequest = try #require(fixture.mocks[.anthropic]!.completionRequests.first)
        #expect(anthropicRequest.headers["x-api-key"] == fixture.mocks[.anthropic]!.key)
        let googleRequest = try #require(fixture.mocks[.google]!.completionRequests.first)
        #expect(googleRequest.headers["x-goog-api-key"] == fixture.mocks[.google]!.key)
        for mock in fixture.mocks.values {
            #expect(!result.output.contains(mock.key))
            #expect(!result.errors.contains(mock.key))
        }
        #expect(result.errors.contains("openai: 7 requests"), "\(result.errors)")
        let progress = result.errors.split(separator: "\n").filter { $0.hasPrefix("[") && $0.contains("/27] ") }
        #expect(progress.count == 27, "one progress line per request")
        #expect(result.errors.contains("/27] content/page-1.md: seo by anthropic/claude-haiku-4-5, filled"))

        let lock = try #require(fixture.site.site.read("byok.lock"))
        #expect(lock.contains("by: anthropic/\(Self.models[.anthropic]!)"))
        let ledger = try #require(fixture.site.site.read(".paragraph/usage.jsonl"))
        #expect(ledger.split(separator: "\n").count == fixture.totalCompletions)
        #expect(ledger.contains("\"provider\":\"deepseek\""))
        #expect(!ledger.contains(fixture.mocks[.deepseek]!.key))
    }

    @Test func secondRunSendsNothing() async throws {
        let fixture = try await Self.makeFixture()
        let first = await fixture.site.run(["enrich", "--write"])
        #expect(first.code == 0, "\(first.errors)")
        let sent = fixture.totalCompletions
        let pages = (0..<Self.pageCount).map(fixture.page)

        let second = await fixture.site.run(["enrich", "--write"])
        #expect(second.code == 0, "\(second.errors)")
        #expect(fixture.totalCompletions == sent)
        let requests = fixture.mocks.values.reduce(0) { $0 + $1.server.requests.count }
        let listings = fixture.mocks.values.reduce(0) { $0 + $1.server.requests.filter { $0.method == "GET" }.count }
        #expect(requests == sent + listings)
        #expect(listings == Provider.allCases.count)
        #expect((0..<Self.pageCount).map(fixture.page) == pages)
    }

    @Test func editedBodySendsOnlyThatPage() async throws {
        let fixture = try await Self.makeFixture()
        _ = await fixture.site.run(["enrich", "--write"])
        let before = Dictionary(uniqueKeysWithValues: Provider.allCases.map { ($0, fixture.completions($0)) })

        // Page 2 chose Google; its description is the tool's, so a changed body refreshes it.
        let edited = fixture.page(2).replacingOccurrences(of: "in a few plain sentences", with: "in other words")
        try fixture.site.site.write("content/page-2.md", edited)
        let result = await fixture.site.run(["enrich", "--write"])
        #expect(result.code == 0, "\(result.errors)")

        for provider in Provider.allCases {
            #expect(fixture.completions(provider) == before[provider]! + (provider == .google ? 1 : 0), "\(provider)")
        }
    }

    @Test func regenerateReplacesOnlyToolDescriptions() async throws {
        let fixture = try await Self.makeFixture()
        _ = await fixture.site.run(["enrich", "--write"])
        let sent = fixture.totalCompletions
        fixture.mocks[.openai]!.answer = .object([
            ("description", .string("A second description from openai.")),
            ("keywords", .array([.string("one"), .string("two"), .string("three")])),
        ])

        let result = await fixture.site.run(["enrich", "--write", "--regenerate", "description"])
        #expect(result.code == 0, "\(result.errors)")

        #expect(fixture.page(0).contains("A second description from openai."))
        #expect(fixture.page(7).contains("description: A person wrote this description."))
        #expect(!fixture.page(7).contains("A second description"))
        let toolPages = (0..<Self.pageCount).filter { Self.provider(ofPage: $0) != nil && $0 % 8 != 7 }.count
        #expect(fixture.totalCompletions == sent + toolPages, "\(result.errors)")
    }
}

/// Provider failures during `paragraph enrich`: retried classes recover, the rest fall back once.
@Suite struct EnrichmentProviderFailureTests {
    typealias Base = EnrichmentProviderTests

    static func enqueueFailures(_ fixture: Base.Fixture) {
        fixture.mocks[.openai]!.enqueue(.json(
            #"{"error":{"message":"Rate limit reached for requests","type":"requests","param":null,"code":"rate_limit_exceeded"}}"#,
            status: 429, headers: [("Retry-After", "0")]))
        fixture.mocks[.anthropic]!.enqueue(.json(#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#, status: 529))
        fixture.mocks[.google]!.enqueue(.json(#"{"error":{"code":500,"message":"An internal error has occurred.","status":"INTERNAL"}}"#, status: 500))
        fixture.mocks[.xai]!.enqueue(.text("<html>maintenance</html>"))
        fixture.mocks[.groq]!.enqueue(MockProviderBodies.invalidKey(.groq))
        fixture.mocks[.deepseek]!.enqueue(.json(MockProviderBodies.deepSeekChat(
            text: "{}", model: Base.models[.deepseek]!, finishReason: "content_filter").serialized()))
    }

    static func pages(of provider: Provider) -> [Int] {
        (0..<Base.pageCount).filter { Base.provider(ofPage: $0) == provider }
    }

    @Test func failuresRecoverOrFallBack() async throws {
        let fixture = try await Base.makeFixture()
        Self.enqueueFailures(fixture)
        let result = await fixture.site.run(["enrich", "--write"])
        #expect(result.code == 0, "\(result.errors)")

        for provider in [Provider.openai, .anthropic, .google] {
            #expect(fixture.completions(provider) == Self.pages(of: provider).count + 1, "\(provider) retried once")
            for index in Self.pages(of: provider) {
                #expect(fixture.page(index).contains("mock \(provider.rawValue)"), "page \(index)")
            }
        }
        for provider in [Provider.xai, .groq, .deepseek] {
            #expect(fixture.completions(provider) == Self.pages(of: provider).count, "\(provider) not retried")
            let filled = Self.pages(of: provider).filter { fixture.page($0).contains("From \(provider.rawValue)") }
            #expect(filled.count == Self.pages(of: provider).count - 1, "\(provider): one page fell back")
        }
        for failure in ["xai malformed response", "groq invalid key", "deepseek blocked by safety filters"] {
            #expect(result.errors.components(separatedBy: failure).count == 2, "\(failure) named once: \(result.errors)")
        }
        #expect(result.errors.contains("6 as fallback"), "\(result.errors)")
        #expect(result.errors.contains("retried 1 after rate limited"), "\(result.errors)")
        #expect(result.errors.contains("retried 1 after overloaded"), "\(result.errors)")
        #expect(result.errors.contains("retried 1 after server error"), "\(result.errors)")
    }

    @Test func keyRejectedInPreflightSendsNothing() async throws {
        let fixture = try await Base.makeFixture()
        fixture.mocks[.groq]!.server.route("GET", "/openai/v1/models") { _ in MockProviderBodies.invalidKey(.groq) }
        let result = await fixture.site.run(["enrich", "--write"])

        #expect(result.code == 0, "\(result.errors)")
        #expect(fixture.completions(.groq) == 0)
        let warnings = result.errors.split(separator: "\n").filter { $0.contains("groq: invalid key") }
        #expect(warnings.count == 1, "\(result.errors)")
        for index in Self.pages(of: .groq) {
            #expect(fixture.page(index).contains("description:"), "page \(index)")
            #expect(!fixture.page(index).contains("From groq"), "page \(index)")
        }
        #expect(fixture.page(1).contains("From anthropic"))
    }

    @Test func fallbackFailFailsOnlyThatPage() async throws {
        let fixture = try await Base.makeFixture(extraConfiguration: "fallback: fail")
        fixture.mocks[.xai]!.enqueue(.text("<html>maintenance</html>"))
        let result = await fixture.site.run(["enrich", "--write"])

        #expect(result.code == 1)
        let failed = Self.pages(of: .xai).filter { !fixture.page($0).contains("From xai") }
        #expect(failed.count == 1)
        #expect(result.errors.contains("could not fill description"), "\(result.errors)")
        for index in Self.pages(of: .openai) {
            #expect(fixture.page(index).contains("mock openai"), "page \(index)")
        }
    }

    @Test func hostileAnswerIsRejected() async throws {
        let fixture = try await Base.makeFixture()
        let hostile = JSONValue.object([
            ("description", .string("</script><script>alert(1)</script> [click](https://evil.example)")),
            ("keywords", .array([.string(String(repeating: "x", count: 10_000))])),
        ])
        // Every DeepSeek request gets the hostile answer, the corrective ones too.
        for _ in 0..<(Self.pages(of: .deepseek).count * 2) {
            fixture.mocks[.deepseek]!.enqueue(.json(MockProviderBodies.deepSeekChat(
                text: hostile.serialized(), model: Base.models[.deepseek]!).serialized()))
        }
        let result = await fixture.site.run(["enrich", "--write"])

        #expect(result.code == 0, "\(result.errors)")
        #expect(fixture.completions(.deepseek) == Self.pages(of: .deepseek).count * 2, "one corrective request per page")
        for index in Self.pages(of: .deepseek) {
            #expect(!fixture.page(index).contains("<script"), "page \(index)")
            #expect(!fixture.page(index).contains("evil.example"), "page \(index)")
            #expect(!fixture.page(index).contains("xxxxxxxxxx"), "page \(index)")
        }
        let corrective = fixture.mocks[.deepseek]!.completionRequests.filter { $0.bodyText.contains("The previous answer was rejected") }
        #expect(corrective.count == Self.pages(of: .deepseek).count)
    }
}
