import Testing
@testable import ParagraphCore

@Suite struct BuiltinSEOTitleTests {
    let engine = BuiltinEngine()

    @Test func seoTitleIsNilForFittingTitle() {
        #expect(engine.seoTitle(title: "A short title", firstHeading: "Other", fileName: "a.md") == nil)
        let sixty = String(repeating: "abcde ", count: 10).dropLast() + "f"
        #expect(sixty.count == 60)
        #expect(engine.seoTitle(title: String(sixty), firstHeading: nil, fileName: "a.md") == nil)
    }

    @Test func seoTitleUsesFirstHeadingWhenTitleMissing() {
        #expect(engine.seoTitle(title: nil, firstHeading: "Getting  started\n", fileName: "a.md") == "Getting started")
        #expect(engine.seoTitle(title: "   ", firstHeading: "Heading", fileName: "a.md") == "Heading")
    }

    @Test func seoTitleUsesFileNameWithoutTitleOrHeading() {
        #expect(engine.seoTitle(title: nil, firstHeading: nil, fileName: "posts/2023-11-30-year_in-review.md") == "Year in review")
        #expect(engine.seoTitle(title: nil, firstHeading: " ", fileName: "docs/api-keys/_index.md") == "Api keys")
        #expect(engine.seoTitle(title: nil, firstHeading: nil, fileName: "") == "Untitled")
    }

    @Test func seoTitleShortensAtWordBoundary() throws {
        let title = "How to configure continuous integration for Swift packages on Linux servers"
        let result = try #require(engine.seoTitle(title: title, firstHeading: nil, fileName: "a.md"))
        #expect(result == "How to configure continuous integration for Swift packages")
        #expect(result.count <= 60)
    }

    @Test func seoTitleDropsTrailingPunctuationAndFunctionWords() throws {
        let title = "Understanding caching, invalidation, and the art of being lazy: a practical story"
        let result = try #require(engine.seoTitle(title: title, firstHeading: nil, fileName: "a.md"))
        #expect(result == "Understanding caching, invalidation, and the art of being")
        #expect(result.count <= 60)
    }

    @Test func seoTitleCutsAtSiteSeparator() throws {
        let title = "Release notes for version 2.4 of the tool | The Paragraph Project Documentation"
        let result = try #require(engine.seoTitle(title: title, firstHeading: nil, fileName: "a.md"))
        #expect(result == "Release notes for version 2.4 of the tool")
    }

    @Test func seoTitleDropsUnclosedBracket() throws {
        let title = "Migrating a large application to strict concurrency (part one of three)"
        let result = try #require(engine.seoTitle(title: title, firstHeading: nil, fileName: "a.md"))
        #expect(result == "Migrating a large application to strict concurrency")
    }

    @Test func seoTitleCutsSingleLongWord() throws {
        let result = try #require(engine.seoTitle(title: String(repeating: "w", count: 80), firstHeading: nil, fileName: "a.md"))
        #expect(result == String(repeating: "w", count: 60))
    }

    @Test func seoTitleShortensLongHeading() throws {
        let heading = String(repeating: "word ", count: 20)
        let result = try #require(engine.seoTitle(title: nil, firstHeading: heading, fileName: "a.md"))
        #expect(result.count <= 60)
        #expect(!result.hasSuffix(" "))
    }

    @Test func seoTitleCountsGraphemeClusters() throws {
        // 59 characters, but 59 × 2 scalars: it fits.
        let accented = String(repeating: "e\u{301}", count: 59)
        #expect(engine.seoTitle(title: accented, firstHeading: nil, fileName: "a.md") == nil)

        let flags = String(repeating: "\u{1F1F5}\u{1F1F1} ", count: 40)
        let result = try #require(engine.seoTitle(title: flags, firstHeading: nil, fileName: "a.md"))
        #expect(result.count == 59)
        #expect(result.hasSuffix("\u{1F1F5}\u{1F1F1}"))
    }
}
