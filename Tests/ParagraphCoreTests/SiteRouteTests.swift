import Foundation
import Testing
@testable import ParagraphCore

@Suite struct SiteRouteTests {
    private func page(_ contentPath: String, _ frontMatter: String = "") throws -> Page {
        let text = frontMatter.isEmpty ? "Body.\n" : "---\n\(frontMatter)\n---\nBody.\n"
        return Page(
            path: "content/" + contentPath, contentPath: contentPath, kind: SiteScanner.kind(of: contentPath),
            frontMatter: try FrontMatter.parse(Array(text.utf8)))
    }

    private let router = PageRouter(configuration: SiteConfiguration())

    @Test func regularPageUsesFileNameAsHugoDoes() throws {
        let route = try router.route(for: page("Guides/My FAQ.md"), filledSlug: nil)
        #expect(route == OutputRoute(file: "guides/my-faq/index.html", urlPath: "/guides/my-faq/"))
    }

    @Test func bundleAndSectionUseTheirFolder() throws {
        #expect(try router.route(for: page("blog/launch/index.md"), filledSlug: nil).file == "blog/launch/index.html")
        #expect(try router.route(for: page("blog/_index.md"), filledSlug: nil).file == "blog/index.html")
        #expect(try router.route(for: page("_index.md"), filledSlug: nil) == OutputRoute(file: "index.html", urlPath: "/"))
    }

    @Test func slugFromFrontMatterWinsOverFilledSlug() throws {
        #expect(try router.route(for: page("blog/a.md", "slug: chosen"), filledSlug: "filled").urlPath == "/blog/chosen/")
        #expect(try router.route(for: page("blog/a.md"), filledSlug: "filled").urlPath == "/blog/filled/")
    }

    @Test func urlFrontMatterStartsAtSiteRoot() throws {
        #expect(try router.route(for: page("blog/a.md", "url: /custom/path/"), filledSlug: nil).file == "custom/path/index.html")
        #expect(try router.route(for: page("blog/a.md", "url: custom"), filledSlug: nil).file == "custom/index.html")
        #expect(try router.route(for: page("blog/a.md", "url: /articles/a.html"), filledSlug: nil)
            == OutputRoute(file: "articles/a.html", urlPath: "/articles/a.html"))
        #expect(try router.route(for: page("blog/a.md", "url: /"), filledSlug: nil).file == "index.html")
    }

    @Test func slugLeavingItsFolderFails() throws {
        for slug in ["../../x", "..", "a/b", "/etc", "line\\nbreak"] {
            #expect(throws: Diagnostic.self, "slug \(slug)") {
                try router.route(for: page("blog/a.md", "slug: \"\(slug)\""), filledSlug: nil)
            }
        }
        let error = try #require(throws: Diagnostic.self) {
            try router.route(for: page("blog/a.md", "slug: ../../x"), filledSlug: nil)
        }
        #expect(error.location == ParagraphCore.SourceLocation(line: 2, column: 7))
        #expect(error.message.contains("not one path segment"))
    }

    @Test func urlLeavingOutputFolderFails() throws {
        for url in ["/../../x/", "../x", "https://example.com/x/", "//host/x", "/a\\tb/"] {
            #expect(throws: Diagnostic.self, "url \(url)") {
                try router.route(for: page("blog/a.md", "url: \"\(url)\""), filledSlug: nil)
            }
        }
        // `..` that stays inside the output folder is resolved.
        #expect(try router.route(for: page("blog/a.md", "url: /a/../b/"), filledSlug: nil).file == "b/index.html")
    }

    @Test func aliasesAreRootedOrRelativeToTheFolder() throws {
        let routes = try router.aliasRoutes(for: page("blog/a.md", "aliases: [/old/a/, moved, /legacy/a.html]"))
        #expect(routes.map(\.file) == ["old/a/index.html", "blog/moved/index.html", "legacy/a.html"])
        #expect(throws: Diagnostic.self) {
            try router.aliasRoutes(for: page("blog/a.md", "aliases: [../../../x]"))
        }
    }

    @Test func urlPathEncodingKeepsUnreservedCharacters() {
        #expect(URLPath.encode("/blog/über uns/a_b-c.~d/") == "/blog/%C3%BCber%20uns/a_b-c.~d/")
        #expect(URLPath.encode("/a?b#c%d&e/") == "/a%3Fb%23c%25d%26e/")
    }

    @Test func barePercentSignsAreEscaped() {
        #expect(URLPath.escapingBarePercentSigns("/a%20b/50%/x%zz%4") == "/a%20b/50%25/x%25zz%254")
        #expect(URLPath.escapingBarePercentSigns("/plain/") == "/plain/")
    }

    @Test func baseURLWithPathPrefixesLinks() {
        let urls = SiteURLs(baseURL: "https://example.com/docs/")
        #expect(urls.href("/blog/") == "/docs/blog/")
        #expect(urls.absolute("/blog/") == "https://example.com/docs/blog/")
        let root = SiteURLs(baseURL: "https://example.com")
        #expect(root.href("/") == "/")
        #expect(root.absolute("/a b/") == "https://example.com/a%20b/")
    }
}
