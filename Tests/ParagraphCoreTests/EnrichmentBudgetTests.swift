import Foundation
import Testing
@testable import ParagraphCore

/// Spending limits during `paragraph enrich`: the rest of the fields come from builtin and the run succeeds.
@Suite struct EnrichmentBudgetTests {
    typealias Base = EnrichmentProviderTests

    /// An OpenAI answer that bills 92 input and 1,000 output tokens: about $0.002 for gpt-5-mini.
    static func expensiveReply() -> MockReply {
        let body = MockProviderBodies.openAIChat(text: Base.answer(for: .openai).serialized(), model: "gpt-5-mini").serialized()
            .replacingOccurrences(of: #""completion_tokens":15,"total_tokens":107"#, with: #""completion_tokens":1000,"total_tokens":1092"#)
        return .json(body, delay: .milliseconds(300))
    }

    @Test func buildBudgetStopsSpending() async throws {
        let limit = 0.04
        let fixture = try await Base.makeFixture(
            extraConfiguration: "budget: { max_usd_per_build: \(limit) }", openAISettings: ", max_concurrency: 16",
            frontMatter: { _ in "" })
        for _ in 0..<Base.pageCount { fixture.mocks[.openai]!.enqueue(Self.expensiveReply()) }

        let result = await fixture.site.run(["enrich", "--write"])

        #expect(result.code == 0, "\(result.errors)")
        let requests = fixture.completions(.openai)
        #expect(requests >= 16)
        #expect(requests < Base.pageCount)
        #expect(fixture.mocks[.openai]!.server.maxInFlight == 16)
        let ledger = UsageLedger(siteRoot: fixture.site.root).records().records
        let spent = ledger.reduce(0) { $0 + $1.costUSD }
        #expect(spent <= limit, "spent \(spent)")
        #expect(spent > limit / 2, "spent \(spent)")
        let builtinPages = (0..<Base.pageCount).filter { !fixture.page($0).contains("From openai") }
        #expect(builtinPages.count == Base.pageCount - requests)
        #expect(result.errors.contains("budget.max_usd_per_build ($0.04) reached: \(builtinPages.count * 2) fields filled by builtin instead"), "\(result.errors)")
    }

    @Test func monthBudgetCountsLockRecords() async throws {
        let fixture = try await Base.makeFixture(extraConfiguration: "budget: { max_usd_per_month: 40 }", frontMatter: { _ in "" })
        try fixture.site.site.write("byok.lock", """
            version: 1
            pages:
              content/removed.md:
                description:
                  value: "An earlier description."
                  by: openai/gpt-5-mini
                  prompt: 0011223344556677
                  input: 00112233445566778899aabbccddeeff
                  tokens: [1000, 1000]
                  cost_usd: 39.999000
                  at: "2026-06-01T00:00:00Z"
            """)

        let result = await fixture.site.run(["enrich", "--write"])

        #expect(result.code == 0, "\(result.errors)")
        #expect(fixture.completions(.openai) == 0)
        #expect(result.errors.contains("budget.max_usd_per_month ($40.00, $40.00 spent earlier this month) reached: 60 fields"), "\(result.errors)")
        #expect(!fixture.page(0).contains("From openai"))
    }
}
