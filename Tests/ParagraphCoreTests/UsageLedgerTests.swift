import Foundation
import Testing
@testable import ParagraphCore

@Suite struct UsageLedgerTests {
    static func record(_ provider: String, _ model: String, cost: Double, time: String = "2026-12-04T10:00:00Z", lockHit: Bool = false) -> UsageRecord {
        UsageRecord(
            time: time, organization: "acme", provider: provider, model: model, workflow: "seo", page: "content/a.md",
            inputTokens: 100, outputTokens: 20, costUSD: cost, lockHit: lockHit, fallback: false)
    }

    @Test func appendedRecordsReadBack() throws {
        let site = try TestSite([:])
        let ledger = UsageLedger(siteRoot: site.root)
        try ledger.append([Self.record("groq", "llama-3.1-8b-instant", cost: 0.001)])
        try ledger.append([Self.record("openai", "gpt-5-mini", cost: 0.01)])
        try site.write(".paragraph/usage.jsonl", (site.read(".paragraph/usage.jsonl") ?? "") + "{\"cut short\n")
        let (records, skipped) = ledger.records()
        #expect(records.count == 2)
        #expect(skipped == 1)
    }

    @Test func usageCommandSumsByModelSince() async throws {
        let site = try TestSite(["byok.yaml": ""])
        try UsageLedger(siteRoot: site.root).append([
            Self.record("groq", "llama-3.1-8b-instant", cost: 0.001),
            Self.record("groq", "llama-3.1-8b-instant", cost: 0.002),
            Self.record("groq", "llama-3.1-8b-instant", cost: 0, lockHit: true),
            Self.record("openai", "gpt-5-mini", cost: 0.5, time: "2026-10-01T10:00:00Z"),
        ])
        let all = await site.run(["usage"])
        #expect(all.code == 0)
        #expect(all.output.contains("groq/llama-3.1-8b-instant  2         1"))
        #expect(all.output.contains("openai/gpt-5-mini"))
        let recent = await site.run(["usage", "--since", "2026-12-01"])
        #expect(!recent.output.contains("openai/gpt-5-mini"))
        #expect(recent.output.contains("Total: 2 requests, estimated $0.0030."))
        let bad = await site.run(["usage", "--since", "last week"])
        #expect(bad.code == 2)
    }
}
