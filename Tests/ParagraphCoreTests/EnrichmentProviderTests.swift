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

    static func makeFixture(extraConfiguration: String = "", keyFor: (Provider) -> Bool = { _ in true }) async throws -> Fixture {
        let site = try VaultTestSite()
        let initialized = await site.run(["vault", "init"])
        #expect(initialized.code == 0, "\(initialized.errors)")
        var mocks: [Provider: MockProviderAPI] = [:]
        for provider in Provider.allCases {
            let mock = try MockProviderAPI(provider)
            mock.answer = answer(for: provider)
            mocks[provider] = mock
        }
        let baseURLs = Provider.allCases.map { "  \($0.rawValue): { base_url: \"\(mocks[$0]!.baseURL)\" }" }.joined(separator: "\n")
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
