import Foundation
import Testing
@testable import ParagraphCore

/// The checks before any request: the dry-run estimate, --offline, the allowlist, unknown models and missing keys.
@Suite struct EnrichmentPreflightTests {
    typealias Base = EnrichmentProviderTests

    @Test func dryRunEstimatesWithoutConnecting() async throws {
        let fixture = try await Base.makeFixture()
        let result = await fixture.site.run(["enrich", "--dry-run"])

        #expect(result.code == 0, "\(result.errors)")
        let requests = (0..<Base.pageCount).filter { Base.provider(ofPage: $0) != nil }.count
        #expect(result.errors.contains("30 pages to fill; \(requests) requests, about "), "\(result.errors)")
        #expect(result.errors.contains("estimated cost $"))
        #expect(result.output.contains("content/page-1.md: description <- anthropic/claude-haiku-4-5"), "\(result.output)")
        for mock in fixture.mocks.values {
            #expect(mock.server.requests.isEmpty)
        }
        #expect(fixture.site.site.read("byok.lock") == nil)
    }

    @Test func offlineUsesBuiltinWithOneWarning() async throws {
        let fixture = try await Base.makeFixture(extraConfiguration: "fallback: fail")
        let result = await fixture.site.run(["enrich", "--write", "--offline"])

        #expect(result.code == 0, "\(result.errors)")
        for mock in fixture.mocks.values {
            #expect(mock.server.requests.isEmpty)
        }
        let warnings = result.errors.split(separator: "\n").filter { $0.contains("no request was sent") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("content/page-0.md") == true)
        #expect(fixture.page(1).contains("description:"))
        #expect(!fixture.page(1).contains("From anthropic"))

        // Online again, the fallback values are replaced by the chosen models.
        let online = await fixture.site.run(["enrich", "--write"])
        #expect(online.code == 0, "\(online.errors)")
        #expect(fixture.page(1).contains("From anthropic"), "\(fixture.page(1))")
        #expect(fixture.page(6).contains("description:"))
    }

    @Test func offlineReusesProviderValues() async throws {
        let fixture = try await Base.makeFixture()
        _ = await fixture.site.run(["enrich"])
        let sent = fixture.totalCompletions
        let result = await fixture.site.run(["enrich", "--write", "--offline"])

        #expect(result.code == 0, "\(result.errors)")
        #expect(fixture.totalCompletions == sent)
        #expect(fixture.page(1).contains("From anthropic"), "\(fixture.page(1))")
    }

    @Test func modelOffAllowlistFailsPage() async throws {
        let fixture = try await Base.makeFixture(
            openAISettings: ", models: [gpt-5-mini]",
            frontMatter: { $0 == 3 ? "model: openai/gpt-4.1-mini\n" : "" })
        let result = await fixture.site.run(["enrich", "--write"])

        #expect(result.code == 1)
        #expect(result.errors.contains("content/page-3.md:3:8: openai/gpt-4.1-mini is not on the organization's allowlist"), "\(result.errors)")
        #expect(fixture.completions(.openai) == Base.pageCount - 1)
        #expect(!fixture.page(3).contains("description:"))
    }

    @Test func unknownModelFailsPage() async throws {
        let fixture = try await Base.makeFixture(frontMatter: { index in
            switch index {
            case 4: return "model: openai/gpt-unheard-of\n"
            case 5: return "model: mistral/large\n"
            case 6: return "model: nosuchalias\n"
            case 7: return "model: openai/gpt-listed-only\n"
            default: return ""
            }
        })
        fixture.mocks[.openai]!.models.append("gpt-listed-only")
        let result = await fixture.site.run(["enrich", "--write"])

        #expect(result.code == 1)
        #expect(result.errors.contains("content/page-4.md:3:8: unknown model openai/gpt-unheard-of"), "\(result.errors)")
        #expect(result.errors.contains("content/page-5.md:3:8: "), "\(result.errors)")
        #expect(result.errors.contains("content/page-6.md:3:8: unknown alias \"nosuchalias\""), "\(result.errors)")
        #expect(result.errors.contains("warning: the price of openai/gpt-listed-only is unknown"), "\(result.errors)")
        #expect(fixture.page(7).contains("From openai"))
        let models = fixture.mocks[.openai]!.completionRequests.compactMap { try? JSONValue.parse($0.body)["model"]?.stringValue }
        #expect(!models.contains("gpt-unheard-of"))
    }

    @Test func missingKeyFailsPagesBeforeRequests() async throws {
        let fixture = try await Base.makeFixture(keyFor: { $0 != .xai })
        let result = await fixture.site.run(["enrich", "--write"])

        #expect(result.code == 1)
        #expect(result.errors.contains("content/page-3.md:3:12: no approved xAI key"), "\(result.errors)")
        #expect(fixture.mocks[.xai]!.server.requests.isEmpty)
        #expect(fixture.page(0).contains("From openai"))
    }

    @Test func ledgerRecordsEachRequest() async throws {
        let fixture = try await Base.makeFixture()
        _ = await fixture.site.run(["enrich"])
        _ = await fixture.site.run(["enrich"])

        let records = UsageLedger(siteRoot: fixture.site.root).records().records
        let sent = records.filter { !$0.lockHit }
        #expect(sent.count == fixture.totalCompletions)
        let hits = records.filter(\.lockHit)
        #expect(hits.count > 0)
        let first = try #require(sent.first { $0.page == "content/page-1.md" })
        #expect(first.organization == "acme")
        #expect(first.provider == "anthropic")
        #expect(first.model == "claude-haiku-4-5")
        #expect(first.workflow == "seo")
        #expect(first.inputTokens > 0)
        #expect(first.costUSD > 0)
        #expect(!first.fallback)
    }
}

/// `--dry-run` on a pull request, where the secret key is not available.
@Suite struct EnrichmentDryRunWithoutKeyTests {
    @Test func dryRunEstimatesPagesWithoutKey() async throws {
        let fixture = try await EnrichmentProviderTests.makeFixture(keyFor: { $0 != .xai })
        let result = await fixture.site.run(["enrich", "--dry-run"])

        #expect(result.code == 1)
        let reports = result.errors.split(separator: "\n").filter { $0.contains("no approved xAI key") }
        #expect(reports.count == 1)
        let requests = (0..<EnrichmentProviderTests.pageCount).filter { EnrichmentProviderTests.provider(ofPage: $0) != nil }.count
        #expect(result.errors.contains("\(requests) requests, about "), "\(result.errors)")
        #expect(fixture.mocks.values.allSatisfy { $0.server.requests.isEmpty })
    }
}

/// How `paragraph enrich` reports on GitHub Actions and in `--diff` mode.
@Suite struct EnrichmentReportingTests {
    @Test func errorsBecomeAnnotations() async throws {
        let fixture = try await EnrichmentProviderTests.makeFixture(
            openAISettings: ", models: [gpt-5-mini]",
            frontMatter: { $0 == 3 ? "model: openai/gpt-4.1-mini\n" : "" })
        let result = await fixture.site.run(["enrich"], environment: ["GITHUB_ACTIONS": "true"])

        #expect(result.code == 1)
        #expect(result.output.contains("::error file=content/page-3.md,line=3,col=8::openai/gpt-4.1-mini is not on the organization"), "\(result.output)")
    }

    @Test func diffKeepsPaidValuesInLock() async throws {
        let fixture = try await EnrichmentProviderTests.makeFixture()
        let diff = await fixture.site.run(["enrich", "--diff"])
        #expect(diff.code == 0, "\(diff.errors)")
        #expect(diff.output.contains("+description: \"From anthropic: a short summary of this page.\""), "\(diff.output.prefix(600))")
        #expect(!fixture.page(1).contains("From anthropic"))
        let sent = fixture.totalCompletions

        let write = await fixture.site.run(["enrich", "--write"])
        #expect(write.code == 0, "\(write.errors)")
        #expect(fixture.totalCompletions == sent)
        #expect(fixture.page(1).contains("From anthropic"))
    }
}
