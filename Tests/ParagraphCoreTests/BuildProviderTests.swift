import Foundation
import Testing
@testable import ParagraphCore

/// `paragraph build` with a provider model: the missing fields come from the provider, in one batch.
@Suite struct BuildProviderTests {
    func makeSite(copyCorpus: Bool) async throws -> (VaultTestSite, MockProviderAPI) {
        let site = try VaultTestSite()
        #expect(await site.run(["vault", "init"]).code == 0)
        let groq = try MockProviderAPI(.groq)
        groq.answer = .object([("description", .string("From groq: a short summary of this page."))])
        try site.site.write("byok.yaml", """
            organization: acme
            defaults: { model: groq/llama-3.1-8b-instant }
            fill: [description]
            providers:
              groq: { base_url: "\(groq.baseURL)", max_concurrency: 8 }
            """)
        #expect(await site.run(["keys", "set", "groq", "--endpoint", groq.server.baseURL], input: groq.key + "\n").code == 0)
        if copyCorpus {
            try FileManager.default.copyItem(at: SharedFolder.path("corpus/hugo-docs"), to: site.root.appendingPathComponent("content"))
        } else {
            try site.site.write("content/a.md", "---\ntitle: Alpha\n---\nThe alpha page has text but no description.\n")
            try site.site.write("content/b.md", "---\ntitle: Beta\ndescription: Written by hand.\n---\nBeta text.\n")
        }
        return (site, groq)
    }

    @Test func buildFillsDescriptionFromProvider() async throws {
        let (site, groq) = try await makeSite(copyCorpus: false)
        let result = await site.run(["build"])
        #expect(result.code == 0, "\(result.errors)")
        let html = try #require(site.site.read("public/a/index.html"))
        #expect(html.contains("<meta name=\"description\" content=\"From groq: a short summary of this page.\">"))
        #expect(site.site.read("public/b/index.html")?.contains("content=\"Written by hand.\"") == true)
        #expect(groq.completionRequests.count == 1)
        #expect(groq.completionRequests.first?.headers["authorization"] == "Bearer \(groq.key)")
        #expect(site.site.read("content/a.md") == "---\ntitle: Alpha\n---\nThe alpha page has text but no description.\n")

        // The lock now holds the value, so a second build sends nothing.
        let second = await site.run(["build"])
        #expect(second.code == 0, "\(second.errors)")
        #expect(groq.completionRequests.count == 1)
        #expect(site.site.read("public/a/index.html")?.contains("From groq: a short summary of this page.") == true)
    }

    @Test func buildWithoutSecretFallsBackAndSucceeds() async throws {
        let (site, groq) = try await makeSite(copyCorpus: false)
        let elsewhere = site.configurationFolder.appendingPathComponent("no-secret").path
        let result = await site.run(["build"], environment: ["XDG_CONFIG_HOME": elsewhere])
        #expect(result.code == 0, "\(result.errors)")
        #expect(groq.completionRequests.isEmpty)
        #expect(site.site.read("public/a/index.html")?.contains("<meta name=\"description\" content=\"The alpha page has text but no description.\">") == true)
    }

    @Test(.enabled(if: SharedFolder.exists("corpus/hugo-docs"), "skipped: ../shared/corpus/hugo-docs is not beside the repository"))
    func corpusDescriptionsComeFromProvider() async throws {
        let (site, groq) = try await makeSite(copyCorpus: true)
        let result = await site.run(["build"])
        #expect(result.code == 0, "\(result.errors.suffix(2000))")
        let loaded = try LoadedSite.load(root: site.root, options: SelectionOptions(), now: TestSite.now)
        var missing = 0
        for page in loaded.pages where loaded.planner.missingFields(of: page).contains(.description) {
            guard (try? loaded.selector.select(page))?.isSelected == true else { continue }
            missing += 1
        }
        print("Hugo corpus build with a mocked provider: \(missing) selected pages without a description, \(groq.completionRequests.count) requests")
        #expect(missing > 30)
        #expect(groq.completionRequests.count == missing)
        let lock = try LockFile.load(siteRoot: site.root)
        let fromGroq = lock.allEntries.filter { $0.producer == "groq/llama-3.1-8b-instant" && $0.value == .text("From groq: a short summary of this page.") }
        #expect(fromGroq.count == missing)
    }
}
