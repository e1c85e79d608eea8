import Foundation
import Testing
@testable import ParagraphCore

@Suite struct SiteThemeTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // ParagraphCoreTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    @Test func embeddedThemeMatchesTemplatesFolder() throws {
        let folder = Self.repositoryRoot.appendingPathComponent("templates")
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(onDisk == DefaultTheme.files.map(\.path).sorted(), "templates/ and DefaultTheme.files list different files")
        for (path, contents) in DefaultTheme.files {
            let text = try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
            #expect(text == contents, "templates/\(path) differs from its copy in DefaultTheme.swift; copy the file's text into it")
        }
    }

    @Test func defaultThemeParses() throws {
        let theme = try Theme.load(siteRoot: URL(fileURLWithPath: "/nonexistent"), templatesFolder: "templates")
        for name in Theme.pageTemplateNames {
            #expect(theme.templates[name] != nil, "missing template \(name)")
        }
        #expect(theme.assets["theme.css"] != nil)
    }

    @Test func initWritesTheDefaultTheme() async throws {
        let site = try TestSite([:])
        let result = await site.run(["init", "new-site"])
        #expect(result.code == 0)
        for (path, contents) in DefaultTheme.files {
            #expect(site.read("new-site/templates/" + path) == contents, "templates/\(path)")
        }
        let build = await site.run(["build", "--site", "new-site"])
        #expect(build.code == 0, "\(build.errors)")
        #expect(site.read("new-site/public/posts/hello-world/index.html")?.contains("<h1>Hello, world</h1>") == true)
    }

    @Test func siteTemplateReplacesDefaultOne() async throws {
        let site = try TestSite([
            "byok.yaml": "site: { title: Custom }\n",
            "content/_index.md": "---\ntitle: Home\ndescription: Home page.\n---\nHello.\n",
            "content/a.md": "---\ntitle: A page\ndescription: About A.\n---\nBody of A.\n",
            "templates/page.mustache": "<!DOCTYPE html><title>{{page.head_title}}</title>{{{page.content}}}{{> footer}}\n",
            "templates/footer.mustache": "<p>custom footer</p>\n",
        ])
        let result = await site.run(["build"])
        #expect(result.code == 0, "\(result.errors)")
        let page = try #require(site.read("public/a/index.html"))
        #expect(page == "<!DOCTYPE html><title>A page</title><p>Body of A.</p>\n<p>custom footer</p>\n\n")
        // The home page still uses the default theme's home template, with the site's footer.
        let home = try #require(site.read("public/index.html"))
        #expect(home.contains("<meta property=\"og:title\" content=\"Home\">"))
        #expect(home.contains("<p>custom footer</p>"))
    }

    @Test func invalidTemplateIsConfigurationError() async throws {
        let site = try TestSite([
            "byok.yaml": "site: { title: Broken }\n",
            "content/a.md": "---\ntitle: A\n---\nBody.\n",
            "templates/page.mustache": "<html>\n{{#page}}\n",
        ])
        let result = await site.run(["build"])
        #expect(result.code == 2)
        #expect(result.errors.contains("templates/page.mustache:2:1: section \"page\" is never closed"), "\(result.errors)")
        #expect(site.read("public/a/index.html") == nil)
    }
}
