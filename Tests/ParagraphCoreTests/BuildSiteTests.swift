import Foundation
import Testing
@testable import ParagraphCore

@Suite struct BuildSiteTests {
    static let basicFiles: [String: String] = [
        "byok.yaml": "site: { title: Test site, base_url: https://example.com, language: en }\n",
        "content/_index.md": "---\ntitle: Home\n---\nWelcome to the test site, which has a few pages.\n",
        "content/blog/_index.md": "---\ntitle: Blog\n---\nPosts about the test site.\n",
        "content/blog/first.md": "---\ntitle: First post\ndate: 2025-01-01\n---\nThe first post explains how the pipeline fills metadata.\n",
        "content/blog/second.md": "---\ntitle: Second post\ndate: 2025-02-01\nlastmod: 2025-03-01\ndescription: The second post.\n---\nMore text.\n",
        "content/blog/draft.md": "---\ntitle: Draft\ndraft: true\n---\nNot yet.\n",
        "content/about.md": "---\ntitle: About\n---\nAn undated page about the site.\n",
    ]

    @Test func buildWritesPagesListsAndFeeds() async throws {
        let site = try TestSite(Self.basicFiles)
        let result = await site.run(["build"])
        #expect(result.code == 0, "\(result.errors)")
        let files = BuiltOutput.files(under: site.root.appendingPathComponent("public"))
        #expect(files == [
            ".paragraph-manifest", "about/index.html", "atom.xml", "blog/first/index.html", "blog/index.html",
            "blog/second/index.html", "index.html", "robots.txt", "sitemap.xml", "theme.css",
        ])
        #expect(result.errors.contains("Built 3 pages, 2 list pages and 0 redirects into public/"), "\(result.errors)")
        #expect(result.errors.contains("fields filled: "))
        #expect(result.errors.contains("1 not published"))
        #expect(result.errors.contains("0 errors"))

        let blog = try #require(site.read("public/blog/index.html"))
        #expect(blog.contains("<a href=\"/blog/second/\">Second post</a>"))
        #expect(blog.range(of: "Second post")!.lowerBound < blog.range(of: "First post")!.lowerBound, "newest first")
        let home = try #require(site.read("public/index.html"))
        #expect(home.contains("Recent pages"))
        #expect(home.contains("<a href=\"/about/\">About</a>"))
    }

    @Test func buildNeverWritesMarkdown() async throws {
        let site = try TestSite(Self.basicFiles)
        _ = await site.run(["build"])
        for (path, contents) in Self.basicFiles {
            #expect(site.read(path) == contents, "\(path) changed")
        }
    }

    @Test func headHasEnrichedMetadata() async throws {
        let site = try TestSite(Self.basicFiles)
        _ = await site.run(["build"])
        let first = try #require(site.read("public/blog/first/index.html"))
        #expect(BuiltOutput.title(in: first) == "First post")
        #expect(BuiltOutput.description(in: first) == "The first post explains how the pipeline fills metadata.")
        #expect(BuiltOutput.ogTitle(in: first) == "First post")
        #expect(BuiltOutput.canonical(in: first) == "https://example.com/blog/first/")
        #expect(BuiltOutput.attribute("content", of: "name", "twitter:card", in: first) == "summary")
        #expect(first.contains("<time datetime=\"2025-01-01T00:00:00Z\">2025-01-01</time>"))

        // A list page without a description gets the built-in one.
        let blog = try #require(site.read("public/blog/index.html"))
        #expect(BuiltOutput.description(in: blog) == "Posts about the test site.")
    }

    @Test func sitemapListsRenderedPagesWithFrontMatterDates() async throws {
        let site = try TestSite(Self.basicFiles)
        _ = await site.run(["build"])
        let sitemap = try #require(site.read("public/sitemap.xml"))
        #expect(Set(BuiltOutput.sitemapLocations(sitemap)) == [
            "https://example.com/", "https://example.com/about/", "https://example.com/blog/",
            "https://example.com/blog/first/", "https://example.com/blog/second/",
        ])
        #expect(sitemap.contains("<loc>https://example.com/blog/second/</loc><lastmod>2025-03-01T00:00:00Z</lastmod>"))
        #expect(sitemap.contains("<loc>https://example.com/about/</loc></url>"))
        #expect(site.read("public/robots.txt") == "User-agent: *\nAllow: /\n\nSitemap: https://example.com/sitemap.xml\n")
    }

    @Test func atomFeedHasOnlyDatedPages() async throws {
        let site = try TestSite(Self.basicFiles)
        _ = await site.run(["build"])
        let feed = try #require(site.read("public/atom.xml"))
        #expect(feed.components(separatedBy: "<entry>").count - 1 == 2)
        #expect(feed.contains("<id>https://example.com/blog/second/</id>"))
        #expect(!feed.contains("/about/"))
        #expect(feed.contains("<updated>2025-03-01T00:00:00Z</updated>"))
        #expect(feed.contains("<summary>The second post.</summary>"))
    }

    @Test func aliasesGetRedirectPages() async throws {
        var files = Self.basicFiles
        files["content/blog/first.md"] = "---\ntitle: First post\naliases: [/old/first/, renamed, /legacy/first.html]\n---\nText.\n"
        let site = try TestSite(files)
        let result = await site.run(["build"])
        #expect(result.code == 0, "\(result.errors)")
        #expect(result.errors.contains("and 3 redirects"))
        for path in ["public/old/first/index.html", "public/blog/renamed/index.html", "public/legacy/first.html"] {
            let redirect = try #require(site.read(path), "\(path)")
            #expect(redirect.contains("<meta http-equiv=\"refresh\" content=\"0; url=/blog/first/\">"))
            #expect(redirect.contains("<link rel=\"canonical\" href=\"https://example.com/blog/first/\">"))
            #expect(redirect.contains("<a href=\"/blog/first/\">First post</a>"))
        }
        let sitemap = try #require(site.read("public/sitemap.xml"))
        #expect(!sitemap.contains("/old/first/"))
        #expect(!sitemap.contains("renamed"))
    }

    @Test func collisionsKeepFirstPageAndWarn() async throws {
        var files = Self.basicFiles
        files["content/blog/a.md"] = "---\ntitle: Page A\nslug: same\n---\nA.\n"
        files["content/blog/b.md"] = "---\ntitle: Page B\nslug: same\n---\nB.\n"
        files["content/blog/c.md"] = "---\ntitle: Page C\naliases: [/blog/first/]\n---\nC.\n"
        let site = try TestSite(files)
        let result = await site.run(["build"])
        #expect(result.code == 0, "\(result.errors)")
        #expect(result.errors.contains("content/blog/b.md: warning: content/blog/b.md and content/blog/a.md both write blog/same/index.html"))
        #expect(site.read("public/blog/same/index.html")?.contains("Page A") == true)
        // A page beats an alias redirect for the same path.
        #expect(result.errors.contains("content/blog/c.md: warning: the alias /blog/first/ of content/blog/c.md and content/blog/first.md both write blog/first/index.html"),
                "\(result.errors)")
        #expect(site.read("public/blog/first/index.html")?.contains("First post") == true)
    }

    @Test func hostileTextIsEscapedInEveryContext() async throws {
        var files = Self.basicFiles
        let hostile = #"Breaks </script><script>alert("x")</script> & 'quotes' <b>"#
        files["content/blog/first.md"] = """
            ---
            title: 'Title with "quotes" & <tags> and it''s'
            description: '\(hostile.replacingOccurrences(of: "'", with: "''"))'
            ---
            Text.

            """
        let site = try TestSite(files)
        let result = await site.run(["build"])
        #expect(result.code == 0, "\(result.errors)")
        let page = try #require(site.read("public/blog/first/index.html"))

        // Exactly one script element: the description did not open or close another.
        #expect(page.components(separatedBy: "<script").count == 2)
        #expect(page.components(separatedBy: "</script>").count == 2)
        let json = try #require(BuiltOutput.jsonLD(in: page))
        #expect(!json.contains("<"))
        #expect(!json.contains(">"))
        #expect(!json.contains("&"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["description"] as? String == hostile)
        #expect(object["headline"] as? String == "Title with \"quotes\" & <tags> and it's")

        // Attributes and text carry the five escapes, and read back to the original text.
        let description = try #require(BuiltOutput.description(in: page))
        #expect(description == "Breaks &lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39; &lt;b&gt;")
        #expect(BuiltOutput.unescape(description) == hostile)
        #expect(BuiltOutput.ogTitle(in: page) == "Title with &quot;quotes&quot; &amp; &lt;tags&gt; and it&#39;s")
        #expect(BuiltOutput.title(in: page) == "Title with &quot;quotes&quot; &amp; &lt;tags&gt; and it&#39;s")
    }

    @Test func bundleFilesAreCopiedBesideThePage() async throws {
        var files = Self.basicFiles
        files["content/blog/launch/index.md"] = "---\ntitle: Launch\nhero:\n  image: banner.png\n  alt: The banner.\n---\nText.\n"
        files["content/blog/launch/banner.png"] = "png"
        files["content/blog/launch/data/table.csv"] = "a,b\n"
        files["content/blog/launch/notes.md"] = "A resource page, not copied.\n"
        let site = try TestSite(files)
        let result = await site.run(["build"])
        #expect(result.code == 0, "\(result.errors)")
        #expect(site.read("public/blog/launch/banner.png") == "png")
        #expect(site.read("public/blog/launch/data/table.csv") == "a,b\n")
        #expect(site.read("public/blog/launch/notes.md") == nil)
        let page = try #require(site.read("public/blog/launch/index.html"))
        #expect(page.contains("<img src=\"/blog/launch/banner.png\" alt=\"The banner.\">"))
        #expect(BuiltOutput.attribute("content", of: "property", "og:image", in: page) == "https://example.com/blog/launch/banner.png")
        #expect(BuiltOutput.attribute("content", of: "property", "og:image:alt", in: page) == "The banner.")
    }

    @Test func heroAltIsFilledAndDecorativeHeroHasEmptyAlt() async throws {
        var files = Self.basicFiles
        files["static/images/usage-chart.png"] = "png"
        files["static/images/divider.png"] = "png"
        files["content/blog/chart.md"] = "---\ntitle: Usage\nhero:\n  image: images/usage-chart.png\n---\nA chart of monthly usage.\n"
        files["content/blog/divider.md"] = "---\ntitle: Divider\nhero:\n  image: images/divider.png\n  decorative: true\n---\nText.\n"
        let site = try TestSite(files)
        let result = await site.run(["build"])
        #expect(result.code == 0, "\(result.errors)")
        let chart = try #require(site.read("public/blog/chart/index.html"))
        let image = try #require(BuiltOutput.images(in: chart).first)
        #expect(image.hasPrefix("<img src=\"/images/usage-chart.png\" alt=\""))
        #expect(!image.contains("alt=\"\""))
        let divider = try #require(site.read("public/blog/divider/index.html"))
        #expect(BuiltOutput.images(in: divider).first == "<img src=\"/images/divider.png\" alt=\"\">")
        #expect(!divider.contains("og:image:alt"))
    }

    @Test func headValuesArePresentWhenFillIsEmpty() async throws {
        var files = Self.basicFiles
        files["byok.yaml"] = "site: { title: Test site }\nfill: []\n"
        files["static/images/usage-chart.png"] = "png"
        files["content/blog/chart.md"] = "---\ntitle: Usage\nhero:\n  image: images/usage-chart.png\n---\nA chart of monthly usage.\n"
        let site = try TestSite(files)
        let result = await site.run(["build"])
        #expect(result.code == 0, "\(result.errors)")
        #expect(result.errors.contains("no fields filled"))
        let chart = try #require(site.read("public/blog/chart/index.html"))
        #expect(BuiltOutput.description(in: chart) == "A chart of monthly usage.")
        #expect(BuiltSiteCheck.heroAlt(in: chart)?.isEmpty == false)
        let findings = BuiltSiteCheck.check(output: site.root.appendingPathComponent("public"))
        #expect(findings.problems.isEmpty, "\(findings.problems)")
    }

    @Test func seoTitleBecomesHeadTitle() async throws {
        var files = Self.basicFiles
        files["content/blog/first.md"] = "---\ntitle: A long title that the writer shortened for search results\nseo:\n  title: Short title\n---\nText.\n"
        let site = try TestSite(files)
        _ = await site.run(["build"])
        let page = try #require(site.read("public/blog/first/index.html"))
        #expect(BuiltOutput.title(in: page) == "Short title")
        #expect(BuiltOutput.ogTitle(in: page) == "A long title that the writer shortened for search results")
    }

    @Test func deletedPageDisappearsFromOutputAndSitemap() async throws {
        let site = try TestSite(Self.basicFiles)
        #expect(await site.run(["build"]).code == 0)
        #expect(site.read("public/blog/first/index.html") != nil)
        // A file the tool did not write stays.
        try site.write("public/blog/first/notes.txt", "mine")
        try site.write("public/keep.txt", "mine")

        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/blog/first.md"))
        let result = await site.run(["build"])
        #expect(result.code == 0, "\(result.errors)")
        #expect(result.errors.contains("1 stale file removed"), "\(result.errors)")
        #expect(site.read("public/blog/first/index.html") == nil)
        #expect(site.read("public/blog/first/notes.txt") == "mine")
        #expect(site.read("public/keep.txt") == "mine")
        #expect(site.read("public/sitemap.xml")?.contains("/blog/first/") == false)
        #expect(site.read("public/atom.xml")?.contains("/blog/first/") == false)
        #expect(site.read("public/blog/index.html")?.contains("First post") == false)
        #expect(site.read("public/.paragraph-manifest")?.contains("blog/first/index.html") == false)
    }

    @Test func emptiedFolderOfStalePageIsRemoved() async throws {
        let site = try TestSite(Self.basicFiles)
        #expect(await site.run(["build"]).code == 0)
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/about.md"))
        #expect(await site.run(["build"]).code == 0)
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("public/about").path))
    }

    @Test func editedManifestCannotRemoveFilesOutsideOutput() async throws {
        let site = try TestSite(Self.basicFiles)
        #expect(await site.run(["build"]).code == 0)
        try site.write("public/.paragraph-manifest", "# header\n../byok.yaml\n/etc/hostname\n../content/about.md\n")
        #expect(await site.run(["build"]).code == 0)
        #expect(site.read("byok.yaml") != nil)
        #expect(site.read("content/about.md") != nil)
    }

    @Test func outputOptionWritesElsewhereInsideTheSite() async throws {
        let site = try TestSite(Self.basicFiles)
        let result = await site.run(["build", "--output", "out/site"])
        #expect(result.code == 0, "\(result.errors)")
        #expect(site.read("out/site/index.html") != nil)
        #expect(site.read("public/index.html") == nil)
    }

    @Test func repeatedBuildLeavesUnchangedFilesAlone() async throws {
        let site = try TestSite(Self.basicFiles)
        #expect(await site.run(["build"]).code == 0)
        let url = site.root.appendingPathComponent("public/blog/first/index.html")
        let before = try FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? Int
        #expect(await site.run(["build"]).code == 0)
        let after = try FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? Int
        #expect(before == after, "an unchanged page was replaced")
    }

    @Test func siteWithoutHomePageGetsOne() async throws {
        var files = Self.basicFiles
        files["content/_index.md"] = nil
        let site = try TestSite(files)
        let result = await site.run(["build"])
        #expect(result.code == 0, "\(result.errors)")
        let home = try #require(site.read("public/index.html"))
        #expect(BuiltOutput.title(in: home) == "Test site")
        #expect(BuiltOutput.description(in: home) == "Test site")
        #expect(home.contains("<a href=\"/blog/first/\">First post</a>"))
    }

    @Test func invalidDateFailsOnlyThatPage() async throws {
        var files = Self.basicFiles
        files["content/blog/bad.md"] = "---\ntitle: Bad\nlastmod: yesterday\n---\nText.\n"
        let site = try TestSite(files)
        let result = await site.run(["build"])
        #expect(result.code == 1)
        #expect(result.errors.contains("content/blog/bad.md:3:10: lastmod is not a date"), "\(result.errors)")
        #expect(site.read("public/blog/bad/index.html") == nil)
        #expect(site.read("public/blog/first/index.html") != nil)
    }

    @Test func buildHelpAndUsageErrors() async throws {
        let site = try TestSite(Self.basicFiles)
        let help = await site.run(["build", "--help"])
        #expect(help.code == 0)
        #expect(help.output.contains("--output DIR"))
        let extra = await site.run(["build", "content"])
        #expect(extra.code == 2)
        let general = await site.run(["--help"])
        #expect(general.output.contains("build"))
    }
}
