import Foundation
import Testing
@testable import ParagraphCore

@Suite struct CommandLineTests {
    static let sampleFiles: [String: String] = [
        "byok.yaml": "site: { title: Test, language: en }\nfill: [description, seo.title, seo.keywords, hero.alt, hero.caption]\n",
        "content/_index.md": "---\ntitle: Home\n---\nWelcome to the test site, which has a few pages.\n",
        "content/blog/first.md": "---\ntitle: First post\ndate: 2025-01-01\n---\nThe first post explains how the pipeline fills metadata for pages.\n",
        "content/blog/hero.md": "---\ntitle: Hero post\nhero:\n  image: images/usage-chart.png\n---\nA post with a chart of monthly usage.\n",
        "content/blog/draft.md": "---\ntitle: Draft\ndraft: true\n---\nNot yet.\n",
    ]

    @Test func versionAndHelp() async throws {
        let site = try TestSite([:])
        let version = await site.run(["--version"])
        #expect(version.code == 0)
        #expect(version.output.hasPrefix("paragraph "))
        for command in ["enrich", "inspect", "init"] {
            let help = await site.run([command, "--help"])
            #expect(help.code == 0)
            #expect(help.output.contains("Usage: paragraph \(command)"))
        }
        let general = await site.run(["--help"])
        #expect(general.output.contains("enrich"))
    }

    @Test func unknownOptionIsUsageError() async throws {
        let site = try TestSite(Self.sampleFiles)
        let result = await site.run(["enrich", "--wrte"])
        #expect(result.code == 2)
        #expect(result.errors.contains("unknown option --wrte"))
    }

    @Test func missingConfigurationExitsTwo() async throws {
        let site = try TestSite(["content/a.md": "x"])
        let result = await site.run(["enrich"])
        #expect(result.code == 2)
        #expect(result.errors.contains("no byok.yaml"))
    }

    @Test func invalidPagesFailAloneWithLocations() async throws {
        var files = Self.sampleFiles
        files["content/bad/quote.md"] = "---\ntitle: \"unclosed\n---\nBody\n"
        files["content/bad/tab.md"] = "---\nhero:\n\timage: a.png\n---\nBody\n"
        files["content/bad/duplicate.md"] = "---\ntitle: a\ntitle: b\n---\nBody\n"
        var bomb = "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for (previous, name) in zip(["a", "b", "c", "d", "e", "f"], ["b", "c", "d", "e", "f", "g"]) {
            bomb += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
        }
        files["content/bad/bomb.md"] = bomb + "---\nBody\n"
        let site = try TestSite(files)
        let result = await site.run(["enrich"])
        #expect(result.code == 1)
        #expect(result.errors.contains("content/bad/quote.md:2:8: "))
        #expect(result.errors.contains("content/bad/tab.md:3:"))
        #expect(result.errors.contains("content/bad/duplicate.md:3:1: duplicate key \"title\", first defined on line 2"))
        #expect(result.errors.contains("content/bad/bomb.md:"))
        #expect(result.errors.contains("alias bomb"))
        // The other pages were still processed.
        #expect(result.output.contains("content/blog/first.md"))
    }

    @Test func inspectJSONHasTheDocumentedKeys() async throws {
        let site = try TestSite(Self.sampleFiles.merging(["content/blog/typed.md": "---\ntitle: T\nflag: no\nversion: 1.10\n---\n"]) { $1 })
        let result = await site.run(["inspect", "content/blog/typed.md", "--json"])
        #expect(result.code == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(object["path"] as? String == "content/blog/typed.md")
        #expect(object["selected"] as? Bool == true)
        #expect(object["reason"] as? String == "published")
        let frontMatter = try #require(object["front_matter"] as? [String: Any])
        #expect(frontMatter["flag"] as? String == "no")
        #expect(result.output.contains("\"version\": 1.10"))
        #expect((object["missing"] as? [String])?.contains("description") == true)
        #expect((object["models"] as? [String: String])?["description"] == "builtin")
    }

    @Test func inspectExplainsInheritedExclusion() async throws {
        let site = try TestSite(Self.sampleFiles.merging([
            "content/snippets/_index.md": "---\ncascade:\n  build:\n    render: never\n---\n",
            "content/snippets/one.md": "---\ntitle: One\n---\n",
        ]) { $1 })
        let result = await site.run(["inspect", "snippets/one.md"])
        #expect(result.code == 0)
        #expect(result.output.contains("selected: no (build.render: never (inherited through cascade from content/snippets/_index.md))"))
    }

    @Test func enrichPrintsValuesAndSkipsDrafts() async throws {
        let site = try TestSite(Self.sampleFiles)
        let result = await site.run(["enrich"])
        #expect(result.code == 0)
        #expect(result.output.contains("content/blog/hero.md"))
        #expect(result.output.contains("hero.alt (builtin): "))
        #expect(!result.output.contains("draft.md"))
        #expect(site.read("content/blog/first.md") == Self.sampleFiles["content/blog/first.md"])
        let drafts = await site.run(["enrich", "--drafts", "content/blog/draft.md"])
        #expect(drafts.output.contains("content/blog/draft.md"))
    }

    @Test func writeThenSecondRunChangesNothing() async throws {
        let site = try TestSite(Self.sampleFiles)
        let first = await site.run(["enrich", "--write"])
        #expect(first.code == 0)
        let written = try #require(site.read("content/blog/hero.md"))
        #expect(written.hasPrefix("---\ntitle: Hero post\nhero:\n  image: images/usage-chart.png\n  alt: "))
        #expect(written.hasSuffix("---\nA post with a chart of monthly usage.\n"))
        #expect(site.read("content/blog/draft.md") == Self.sampleFiles["content/blog/draft.md"])

        let snapshot = Self.sampleFiles.keys.map { site.read($0) }
        let second = await site.run(["enrich", "--write"])
        #expect(second.code == 0)
        #expect(Self.sampleFiles.keys.map { site.read($0) } == snapshot)
        let check = await site.run(["enrich", "--check"])
        #expect(check.code == 0)
    }

    @Test func checkExitsThreeAndWritesNothing() async throws {
        let site = try TestSite(Self.sampleFiles)
        let result = await site.run(["enrich", "--check"])
        #expect(result.code == 3)
        #expect(result.output.contains("content/blog/first.md: missing description"))
        #expect(site.read("content/blog/first.md") == Self.sampleFiles["content/blog/first.md"])
    }

    @Test func diffShowsWhatWriteWouldDo() async throws {
        let site = try TestSite(Self.sampleFiles)
        let result = await site.run(["enrich", "--diff", "content/blog/first.md"])
        #expect(result.code == 0)
        #expect(result.output.hasPrefix("--- a/content/blog/first.md\n+++ b/content/blog/first.md\n@@ "))
        #expect(result.output.contains("\n+description: "))
        #expect(site.read("content/blog/first.md") == Self.sampleFiles["content/blog/first.md"])
    }

    @Test func writeKeepsPermissionsAndSymbolicLinks() async throws {
        let site = try TestSite(Self.sampleFiles.merging(["content/shared/real.md": "---\ntitle: Real\n---\nThe real file behind a link.\n"]) { $1 })
        let manager = FileManager.default
        let first = site.root.appendingPathComponent("content/blog/first.md")
        try manager.setAttributes([.posixPermissions: 0o640], ofItemAtPath: first.path)
        let link = site.root.appendingPathComponent("content/blog/linked.md")
        try manager.createSymbolicLink(atPath: link.path, withDestinationPath: "../shared/real.md")
        try site.write("content/blog/.paragraph-tmp-stale-first.md", "left over")

        let result = await site.run(["enrich", "--write"])
        #expect(result.code == 0, "\(result.errors)")
        let permissions = try manager.attributesOfItem(atPath: first.path)[.posixPermissions] as? NSNumber
        #expect(permissions?.intValue == 0o640)
        #expect(try manager.destinationOfSymbolicLink(atPath: link.path) == "../shared/real.md")
        #expect(site.read("content/shared/real.md")?.contains("description: ") == true)
        #expect(!manager.fileExists(atPath: site.root.appendingPathComponent("content/blog/.paragraph-tmp-stale-first.md").path))
    }

    @Test func writeLeavesUnsupportedPagesUntouched() async throws {
        let toml = "+++\ntitle = \"TOML\"\n+++\nBody\n"
        let site = try TestSite(Self.sampleFiles.merging(["content/blog/toml.md": toml]) { $1 })
        let result = await site.run(["enrich", "--write"])
        #expect(result.code == 1)
        #expect(result.errors.contains("content/blog/toml.md:1:1: TOML front matter (+++) is not supported yet"))
        #expect(site.read("content/blog/toml.md") == toml)
    }

    @Test func initCreatesSiteAndRefusesToOverwrite() async throws {
        let site = try TestSite([:])
        let created = await site.run(["init", "new-site"])
        #expect(created.code == 0)
        #expect(site.read("new-site/byok.yaml")?.contains("defaults:") == true)
        let enrich = await site.run(["enrich", "--site", "new-site"])
        #expect(enrich.code == 0)

        try site.write("other/content/_index.md", "mine")
        let refused = await site.run(["init", "other"])
        #expect(refused.code == 2)
        #expect(refused.errors.contains("already exists"))
        #expect(site.read("other/content/_index.md") == "mine")
        #expect(site.read("other/byok.yaml") == nil)
    }

    @Test func configurationErrorsExitTwoWithLines() async throws {
        let site = try TestSite(["byok.yaml": "site: { title: A }\nslugs: sometimes\n", "content/a.md": ""])
        let result = await site.run(["enrich"])
        #expect(result.code == 2)
        #expect(result.errors.contains("byok.yaml:2:8: slugs must be one of file, title"))
    }

    @Test func githubAnnotationsUnderActions() async throws {
        let site = try TestSite(Self.sampleFiles.merging(["content/bad.md": "---\na: [\n---\n"]) { $1 })
        let output = OutputCollector()
        let context = RunContext(
            environment: ["GITHUB_ACTIONS": "true"], currentDirectory: site.root, now: TestSite.now,
            output: { output.append($0) }, errorOutput: { _ in })
        let code = await ParagraphCommand.run(["enrich"], context: context)
        #expect(code == 1)
        #expect(output.text.contains("::error file=content/bad.md,line="))
    }

    @Test func fieldPathsRouteReadingAndWriting() async throws {
        let site = try TestSite([
            "byok.yaml": "fill: [description, seo.keywords]\nfields: { seo.keywords: keywords, description: params.summary }\n",
            "content/a.md": "---\ntitle: Mapped\nkeywords: [mine]\n---\nA page about mapped front-matter paths for generators.\n",
        ])
        let result = await site.run(["enrich", "--write"])
        #expect(result.code == 0)
        let written = try #require(site.read("content/a.md"))
        #expect(written.contains("params:\n  summary: "))
        #expect(written.contains("keywords: [mine]\n"))
        #expect(!written.contains("seo:"))
    }
}

@Suite struct WriteSafetyTests {
    @Test func secondWriterIsTurnedAway() async throws {
        let site = try TestSite(CommandLineTests.sampleFiles)
        let held = try #require(try SiteWriteLock.acquire(siteRoot: site.root))
        let result = await site.run(["enrich", "--write"])
        #expect(result.code == 2)
        #expect(result.errors.contains("another paragraph run is writing this site"))
        #expect(site.read("content/blog/first.md") == CommandLineTests.sampleFiles["content/blog/first.md"])
        withExtendedLifetime(held) {}
    }

    @Test func changedFileIsNotOverwritten() throws {
        let site = try TestSite(["content/a.md": "---\ntitle: A\n---\nOld.\n"])
        try site.write("content/a.md", "---\ntitle: A\n---\nEdited meanwhile.\n")
        let writer = PageWriter(siteRoot: site.root)
        #expect(throws: Diagnostic.self) {
            try writer.replace(
                site.root.appendingPathComponent("content/a.md"), with: Array("new".utf8),
                expecting: Array("---\ntitle: A\n---\nOld.\n".utf8))
        }
        #expect(site.read("content/a.md") == "---\ntitle: A\n---\nEdited meanwhile.\n")
    }
}

@Suite struct EmptyPageTests {
    @Test func pageWithoutTextGetsKeywordsOnce() async throws {
        let site = try TestSite([
            "byok.yaml": "fill: [description, seo.keywords]\n",
            "content/a.md": "---\ntitle: Hi\n---\n",
        ])
        #expect(await site.run(["enrich", "--write"]).code == 0)
        #expect(site.read("content/a.md")?.contains("keywords: [hi]") == true)
        let second = await site.run(["enrich", "--write"])
        #expect(second.code == 0, "\(second.errors)")
        #expect(await site.run(["enrich", "--check"]).code == 0)
    }
}

@Suite struct InspectExitCodeTests {
    @Test func missingPageIsUsageError() async throws {
        let site = try TestSite(["byok.yaml": "", "content/bad.md": "---\ntitle: [\n---\n"])
        #expect(await site.run(["inspect", "content/nope.md"]).code == 2)
        #expect(await site.run(["inspect", "content/bad.md"]).code == 1)
    }
}
