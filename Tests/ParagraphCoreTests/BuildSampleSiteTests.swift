import Foundation
import Testing
@testable import ParagraphCore

/// Checks every rendered page of a built site: the head guarantees, hero alt text and the sitemap.
enum BuiltSiteCheck {
    struct Findings {
        var htmlPages: [String] = []
        var redirects: [String] = []
        var problems: [String] = []
        var canonicalURLs: Set<String> = []
    }

    static func check(output: URL) -> Findings {
        var findings = Findings()
        for path in BuiltOutput.files(under: output) where path.hasSuffix(".html") {
            guard let data = FileManager.default.contents(atPath: output.appendingPathComponent(path).path) else {
                findings.problems.append("\(path): unreadable")
                continue
            }
            let html = String(decoding: data, as: UTF8.self)
            if BuiltOutput.isRedirect(html) {
                findings.redirects.append(path)
                continue
            }
            findings.htmlPages.append(path)
            if (BuiltOutput.title(in: html) ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                findings.problems.append("\(path): empty <title>")
            }
            if (BuiltOutput.description(in: html) ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                findings.problems.append("\(path): empty meta description")
            }
            if (BuiltOutput.ogTitle(in: html) ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                findings.problems.append("\(path): empty og:title")
            }
            if let canonical = BuiltOutput.canonical(in: html) {
                findings.canonicalURLs.insert(BuiltOutput.unescape(canonical))
            } else {
                findings.problems.append("\(path): no canonical link")
            }
        }
        return findings
    }

    /// Returns the alt text of the hero image on a built page, nil when the page has no hero.
    static func heroAlt(in html: String) -> String? {
        guard let figure = html.range(of: "<figure class=\"hero\">") else { return nil }
        let image = BuiltOutput.images(in: String(html[figure.upperBound...])).first ?? ""
        guard let alt = image.range(of: " alt=\"") else { return "" }
        return String(image[alt.upperBound...].prefix { $0 != "\"" })
    }
}

/// The sample site at the repository root, built as `make run` builds it.
@Suite struct BuildSampleSiteTests {
    private func builtSampleSite() async throws -> (site: TestSite, result: (code: Int32, output: String, errors: String)) {
        let site = try TestSite([:])
        try FileManager.default.createDirectory(at: site.root, withIntermediateDirectories: true)
        for item in ["byok.yaml", "content", "static", "templates"] {
            try FileManager.default.copyItem(
                at: SiteThemeTests.repositoryRoot.appendingPathComponent(item), to: site.root.appendingPathComponent(item))
        }
        return (site, await site.run(["build"]))
    }

    @Test func sampleSiteBuildsWithHeadGuarantees() async throws {
        let (site, result) = try await builtSampleSite()
        #expect(result.code == 0, "\(result.errors)")
        #expect(!result.errors.contains("warning:"), "\(result.errors)")
        let findings = BuiltSiteCheck.check(output: site.root.appendingPathComponent("public"))
        #expect(findings.problems.isEmpty, "\(findings.problems)")
        // On the tests' date, 2026-06-01, 12 pages and 4 list pages (the home page included) are
        // published. The draft and three pages dated later are left out.
        #expect(findings.htmlPages.count == 16)
        #expect(findings.htmlPages.contains("index.html"))
        #expect(!findings.htmlPages.contains("blog/roadmap-2027/index.html"))
        #expect(!findings.htmlPages.contains("blog/newsroom-edition/index.html"))
    }

    @Test func sampleSiteHeroImagesHaveAltText() async throws {
        let (site, _) = try await builtSampleSite()
        var pagesWithHero = 0
        for path in BuiltOutput.files(under: site.root.appendingPathComponent("public")) where path.hasSuffix(".html") {
            guard let alt = BuiltSiteCheck.heroAlt(in: site.read("public/" + path) ?? "") else { continue }
            pagesWithHero += 1
            if path == "guides/running-in-ci/index.html" {
                #expect(alt.isEmpty, "the decorative hero of \(path) has alt text")
            } else {
                #expect(!alt.isEmpty, "\(path) has a hero image without alt text")
            }
        }
        // usage-ledger, introducing-paragraph, getting-started, running-in-ci and v1.2.0 have a hero image.
        #expect(pagesWithHero == 5)
    }

    @Test func sampleSitemapListsExactlyRenderedPages() async throws {
        let (site, _) = try await builtSampleSite()
        let findings = BuiltSiteCheck.check(output: site.root.appendingPathComponent("public"))
        let sitemap = try #require(site.read("public/sitemap.xml"))
        let locations = BuiltOutput.sitemapLocations(sitemap)
        #expect(Set(locations) == findings.canonicalURLs)
        #expect(locations.count == findings.htmlPages.count)
    }
}

/// Hugo's own documentation, built as a site: the selected pages are rendered and no others.
@Suite(.enabled(if: SharedFolder.exists("corpus/hugo-docs"), "skipped: ../shared/corpus/hugo-docs is not beside the repository"))
struct BuildHugoCorpusTests {
    @Test func corpusRendersSelectedPagesOnly() async throws {
        let site = try TestSite(["byok.yaml": "site: { title: Hugo, base_url: https://example.org, language: en }\n"])
        try FileManager.default.copyItem(at: SharedFolder.path("corpus/hugo-docs"), to: site.root.appendingPathComponent("content"))
        let result = await site.run(["build"])
        #expect(result.code == 0, "\(result.errors)")
        let output = site.root.appendingPathComponent("public")
        let findings = BuiltSiteCheck.check(output: output)
        print("Hugo corpus build: \(findings.htmlPages.count) pages, \(findings.redirects.count) redirects; "
            + (result.errors.split(separator: "\n").last.map(String.init) ?? ""))
        #expect(findings.problems.isEmpty, "\(findings.problems.prefix(20))")
        #expect((760...820).contains(findings.htmlPages.count))

        // Every selected page has its file, and no page that is left out has one.
        let loaded = try site.load()
        let router = PageRouter(configuration: loaded.configuration)
        var selectedRoutes = Set<String>()
        var unselectedRoutes: [(page: String, file: String)] = []
        for page in loaded.pages {
            guard let selection = try? loaded.selector.select(page),
                  let route = try? router.route(for: page, filledSlug: nil) else { continue }
            if selection.isSelected {
                selectedRoutes.insert(route.file)
                let html = site.read("public/" + route.file)
                #expect(html.map { !BuiltOutput.isRedirect($0) } == true, "\(page.path) was not rendered at \(route.file)")
            } else {
                unselectedRoutes.append((page.path, route.file))
            }
        }
        #expect(selectedRoutes.count == findings.htmlPages.count)
        for (page, file) in unselectedRoutes where !selectedRoutes.contains(file) {
            let html = site.read("public/" + file)
            #expect(html == nil || BuiltOutput.isRedirect(html!), "\(page) is not published but \(file) was rendered")
        }

        let sitemap = try #require(site.read("public/sitemap.xml"))
        #expect(Set(BuiltOutput.sitemapLocations(sitemap)) == findings.canonicalURLs)
    }
}
