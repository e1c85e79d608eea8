import Foundation
import Testing
@testable import ParagraphCore

@Suite struct PageSelectionTests {
    func selection(_ files: [String: String], _ path: String, options: SelectionOptions = SelectionOptions()) throws -> PageSelection {
        let site = try TestSite(["byok.yaml": ""].merging(files) { $1 })
        let loaded = try site.load(options)
        let page = try #require(loaded.pages.first { $0.path == path })
        return try loaded.selector.select(page)
    }

    @Test func plainPageIsSelected() throws {
        #expect(try selection(["content/a.md": "---\ntitle: A\n---\n"], "content/a.md").isSelected)
    }

    @Test func draftIsLeftOutUnlessRequested() throws {
        let files = ["content/a.md": "---\ndraft: true\n---\n"]
        #expect(try selection(files, "content/a.md").reason == .draft)
        #expect(try !selection(files, "content/a.md").isSelected)
        #expect(try selection(files, "content/a.md", options: SelectionOptions(drafts: true)).isSelected)
    }

    @Test func draftAcceptsYesAndNo() throws {
        #expect(try !selection(["content/a.md": "---\ndraft: yes\n---\n"], "content/a.md").isSelected)
        #expect(try selection(["content/a.md": "---\ndraft: no\n---\n"], "content/a.md").isSelected)
    }

    @Test func draftWithOtherTextIsAnError() throws {
        #expect(throws: Diagnostic.self) {
            try selection(["content/a.md": "---\ndraft: maybe\n---\n"], "content/a.md")
        }
    }

    @Test func futureDateIsLeftOutUnlessRequested() throws {
        let files = ["content/a.md": "---\ndate: 2027-01-01\n---\n"]
        #expect(try selection(files, "content/a.md").reason == .future(key: "date", date: "2027-01-01"))
        #expect(try selection(files, "content/a.md", options: SelectionOptions(future: true)).isSelected)
        let publish = ["content/a.md": "---\ndate: 2020-01-01\npublishDate: 2027-01-01\n---\n"]
        #expect(try !selection(publish, "content/a.md").isSelected)
    }

    @Test func pastExpiryIsLeftOutUnlessRequested() throws {
        let files = ["content/a.md": "---\nexpiryDate: 2026-01-01\n---\n"]
        #expect(try !selection(files, "content/a.md").isSelected)
        #expect(try selection(files, "content/a.md", options: SelectionOptions(expired: true)).isSelected)
        #expect(try selection(["content/a.md": "---\nexpirydate: 2027-01-01\n---\n"], "content/a.md").isSelected)
    }

    @Test func unparsableDateIsAnErrorWithItsLine() throws {
        #expect(throws: Diagnostic(
            path: "content/a.md", location: SourceLocation(line: 3, column: 7),
            message: "date \"next week\" is not a date; write it as 2024-01-31 or 2024-01-31T10:00:00Z")
        ) {
            try selection(["content/a.md": "---\ntitle: A\ndate: next week\n---\n"], "content/a.md")
        }
    }

    @Test func headlessAndRenderNeverAreLeftOut() throws {
        #expect(try selection(["content/a.md": "---\nheadless: true\n---\n"], "content/a.md").reason == .headless)
        #expect(try selection(["content/a.md": "---\nbuild: {render: never}\n---\n"], "content/a.md").reason == .renderNever(key: "build"))
        #expect(try selection(["content/a.md": "---\n_build:\n  render: false\n---\n"], "content/a.md").reason == .renderNever(key: "_build"))
    }

    @Test func cascadeInheritsRenderNever() throws {
        let files = [
            "content/_common/_index.md": "---\ncascade:\n  build:\n    render: never\n---\n",
            "content/_common/snippet.md": "---\ntitle: Snippet\n---\n",
            "content/_common/deep/more.md": "",
            "content/other.md": "---\ntitle: Other\n---\n",
        ]
        let snippet = try selection(files, "content/_common/snippet.md")
        #expect(!snippet.isSelected)
        #expect(snippet.inheritedFrom == "content/_common/_index.md")
        #expect(try !selection(files, "content/_common/deep/more.md").isSelected)
        #expect(try selection(files, "content/other.md").isSelected)
        #expect(try selection(files, "content/_common/_index.md").isSelected)
    }

    @Test func pageValueBeatsCascade() throws {
        let files = [
            "content/blog/_index.md": "---\ncascade:\n  draft: true\n---\n",
            "content/blog/a.md": "---\ndraft: false\n---\n",
            "content/blog/b.md": "---\ntitle: B\n---\n",
        ]
        #expect(try selection(files, "content/blog/a.md").isSelected)
        #expect(try !selection(files, "content/blog/b.md").isSelected)
    }

    @Test func cascadeListHonoursTargetPath() throws {
        let files = [
            "content/_index.md": "---\ncascade:\n  - headless: true\n    _target:\n      path: /archive/**\n---\n",
            "content/archive/old.md": "",
            "content/blog/new.md": "",
        ]
        #expect(try !selection(files, "content/archive/old.md").isSelected)
        #expect(try selection(files, "content/blog/new.md").isSelected)
    }

    @Test func excludeGlobsDropPages() throws {
        let site = try TestSite([
            "byok.yaml": "exclude: [\"drafts/**\"]\n",
            "content/drafts/a.md": "",
            "content/b.md": "",
        ])
        #expect(try site.load().pages.map(\.path) == ["content/b.md"])
    }

    @Test func bundleResourcesAreNotPages() throws {
        let site = try TestSite([
            "byok.yaml": "",
            "content/post/index.md": "---\ntitle: Bundle\n---\n",
            "content/post/notes.md": "resource",
            "content/post/sub/more.md": "resource",
            "content/blog/_index.md": "",
            "content/blog/entry.md": "",
            "content/blog/.hidden.md": "",
            "content/blog/.paragraph-tmp-1234-entry.md": "",
            "content/blog/readme.txt": "",
            "content/blog/long.markdown": "",
        ])
        let pages = try site.load().pages
        #expect(pages.map(\.path) == [
            "content/blog/_index.md", "content/blog/entry.md", "content/blog/long.markdown", "content/post/index.md",
        ])
        #expect(pages.map(\.kind) == [.section, .regular, .regular, .bundle])
    }

    @Test func aiFalseMakesPageEmbargoed() throws {
        let site = try TestSite([
            "byok.yaml": "defaults: { model: openai/gpt-5-mini }\n",
            "content/a.md": "---\nai: false\n---\nText.\n",
            "content/b.md": "---\nai: { hero: builtin }\nmodel: anthropic/claude-haiku-4-5\n---\nText.\n",
        ])
        let loaded = try site.load()
        let embargoed = try loaded.planner.plan(loaded.pages[0], selection: loaded.selector.select(loaded.pages[0]))
        #expect(embargoed.isEmbargoed)
        #expect(embargoed.assignments.allSatisfy { $0.model == .builtin })
        let b = loaded.pages[1]
        #expect(try loaded.planner.model(for: .seo, page: b) == .model(.anthropic, "claude-haiku-4-5"))
        #expect(try loaded.planner.model(for: .hero, page: b) == .builtin)
    }

    @Test func unknownAliasInPageIsAnErrorWithItsLine() throws {
        let site = try TestSite(["byok.yaml": "", "content/a.md": "---\ntitle: A\nmodel: speedy\n---\n"])
        let loaded = try site.load()
        #expect(throws: Diagnostic.self) {
            try loaded.planner.model(for: .seo, page: loaded.pages[0])
        }
    }
}
