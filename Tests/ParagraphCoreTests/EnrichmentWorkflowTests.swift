import Foundation
import Testing
@testable import ParagraphCore

/// The SEO and hero workflows end to end: slugs, SEO titles, the hero image, decorative images and the page language.
@Suite struct EnrichmentWorkflowTests {
    final class Fixture: Sendable {
        let site: VaultTestSite
        let openAI: MockProviderAPI
        let google: MockProviderAPI

        init(site: VaultTestSite, openAI: MockProviderAPI, google: MockProviderAPI) {
            self.site = site
            self.openAI = openAI
            self.google = google
        }

        func read(_ path: String) -> String { site.site.read(path) ?? "" }
    }

    static func makeFixture() async throws -> Fixture {
        let site = try VaultTestSite()
        #expect(await site.run(["vault", "init"]).code == 0)
        let openAI = try MockProviderAPI(.openai)
        let google = try MockProviderAPI(.google)
        openAI.answer = .object([
            ("description", .string("A summary from openai.")), ("seo_title", .string("A title from openai")),
            ("slug", .string("same-slug")),
        ])
        google.answer = .object([("alt", .string("A chart drawn for this page")), ("caption", .string("A caption from google."))])
        try site.site.write("byok.yaml", """
            organization: acme
            defaults: { seo: openai/gpt-5-mini, hero: google/gemini-2.5-flash }
            fill: [description, seo.title, slug, hero.alt, hero.caption]
            slugs: title
            providers:
              openai: { base_url: "\(openAI.baseURL)" }
              google: { base_url: "\(google.baseURL)" }
            """)
        for mock in [openAI, google] {
            let set = await site.run(["keys", "set", mock.provider.rawValue, "--endpoint", mock.server.baseURL], input: mock.key + "\n")
            #expect(set.code == 0, "\(set.errors)")
        }
        try site.site.write("static/images/b.png", "")
        try Data(ProviderTestSupport.png).write(to: site.root.appendingPathComponent("static/images/a.png"))
        try Data(ProviderTestSupport.png).write(to: site.root.appendingPathComponent("static/images/b.png"))
        try site.site.write("content/blog/a.md", """
            ---
            title: Une page
            lang: fr
            hero: { image: /images/a.png }
            ---
            Un texte sur les graphiques.
            """)
        try site.site.write("content/blog/b.md", """
            ---
            title: Another page
            hero: { image: /images/b.png, decorative: true }
            ---
            Some text about charts.
            """)
        try site.site.write("content/blog/c.md", """
            ---
            date: 2026-01-01
            ---
            Text of a page without a title.
            """)
        return Fixture(site: site, openAI: openAI, google: google)
    }

    func googleBody(_ fixture: Fixture, containing marker: String) -> String? {
        fixture.google.completionRequests.map(\.bodyText).first { $0.contains(marker) }
    }

    @Test func workflowsFillEachField() async throws {
        let fixture = try await Self.makeFixture()
        let result = await fixture.site.run(["enrich", "--write"])
        #expect(result.code == 0, "\(result.errors)")

        let a = fixture.read("content/blog/a.md")
        let b = fixture.read("content/blog/b.md")
        let c = fixture.read("content/blog/c.md")
        #expect(a.contains("alt: A chart drawn for this page"), "\(a)")
        #expect(a.contains("caption: A caption from google."))
        #expect(b.contains("alt: \"\""), "\(b)")
        #expect(b.contains("caption: A caption from google."))
        #expect(c.contains("title: A title from openai"), "\(c)")
        #expect(!a.contains("A title from openai"))

        let slugs = [a, b, c].compactMap { text in
            text.split(separator: "\n").first { $0.hasPrefix("slug: ") }.map { String($0.dropFirst(6)) }
        }
        #expect(slugs.count == 3)
        #expect(Set(slugs).count == 3, "\(slugs)")
        #expect(slugs.contains("same-slug"))

        #expect(fixture.google.completionRequests.count == 2)
        let imageRequest = try #require(googleBody(fixture, containing: "a.png"))
        #expect(imageRequest.contains(ProviderTestSupport.png.base64EncodedString()))
        let decorativeRequest = try #require(googleBody(fixture, containing: "b.png"))
        #expect(decorativeRequest.contains("Fields to fill: caption."))
        let french = try #require(fixture.openAI.completionRequests.map(\.bodyText).first { $0.contains("Une page") })
        #expect(french.contains("BCP 47 tag is fr"))
    }

    @Test func slugStaysWhenBodyChanges() async throws {
        let fixture = try await Self.makeFixture()
        _ = await fixture.site.run(["enrich", "--write"])
        let before = fixture.read("content/blog/a.md")
        fixture.openAI.answer = .object([
            ("description", .string("Another summary from openai.")), ("seo_title", .string("Another title")),
            ("slug", .string("another-slug")),
        ])
        try fixture.site.site.write("content/blog/a.md", before.replacingOccurrences(of: "Un texte", with: "Un autre texte"))

        let result = await fixture.site.run(["enrich", "--write"])
        #expect(result.code == 0, "\(result.errors)")

        let after = fixture.read("content/blog/a.md")
        #expect(after.contains("description: Another summary from openai."), "\(after)")
        #expect(after.contains("slug: same-slug"), "\(after)")
    }

    @Test func offlineKeepsHeroValues() async throws {
        let fixture = try await Self.makeFixture()
        _ = await fixture.site.run(["enrich", "--write"])
        let before = fixture.read("content/blog/a.md")

        let result = await fixture.site.run(["enrich", "--write", "--offline"])

        #expect(result.code == 0, "\(result.errors)")
        #expect(fixture.read("content/blog/a.md") == before)
    }

    @Test func changedImageSendsHeroRequest() async throws {
        let fixture = try await Self.makeFixture()
        _ = await fixture.site.run(["enrich", "--write"])
        let openAIRequests = fixture.openAI.completionRequests.count
        let googleRequests = fixture.google.completionRequests.count
        try Data(ProviderTestSupport.jpeg).write(to: fixture.site.root.appendingPathComponent("static/images/a.png"))

        let result = await fixture.site.run(["enrich", "--write"])
        #expect(result.code == 0, "\(result.errors)")

        #expect(fixture.google.completionRequests.count == googleRequests + 1)
        #expect(fixture.openAI.completionRequests.count == openAIRequests)
    }
}
