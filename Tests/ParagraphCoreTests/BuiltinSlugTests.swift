import Testing
@testable import ParagraphCore

@Suite struct BuiltinSlugTests {
    let engine = BuiltinEngine()

    /// Checks the rules that hold for every slug.
    private func expectValidSlug(_ slug: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(!slug.isEmpty, sourceLocation: sourceLocation)
        #expect(slug.count <= BuiltinEngine.maxSlugLength, sourceLocation: sourceLocation)
        #expect(slug.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }, sourceLocation: sourceLocation)
        #expect(!slug.hasPrefix("-") && !slug.hasSuffix("-") && !slug.contains("--"), sourceLocation: sourceLocation)
    }

    @Test func slugTransliteratesPolish() {
        #expect(engine.slug(title: "Zażółć gęślą jaźń") == "zazolc-gesla-jazn")
        #expect(engine.slug(title: "ŁÓDŹ Łąka") == "lodz-laka")
    }

    @Test func slugTransliteratesGerman() {
        #expect(engine.slug(title: "Straße über Äpfel") == "strasse-ueber-aepfel")
        #expect(engine.slug(title: "ÖL und Übung") == "oel-und-uebung")
    }

    @Test func slugFoldsFrenchAndSpanishAccents() {
        #expect(engine.slug(title: "Crème brûlée à la française") == "creme-brulee-a-la-francaise")
        #expect(engine.slug(title: "¿Año nuevo, canción añeja?") == "ano-nuevo-cancion-aneja")
        #expect(engine.slug(title: "Ærø, Øresund & Þingvellir") == "aero-oresund-thingvellir")
    }

    @Test func slugTreatsDecomposedAccentsLikeComposed() {
        #expect(engine.slug(title: "Cafe\u{301} u\u{308}ber") == engine.slug(title: "Café über"))
        #expect(engine.slug(title: "Cafe\u{301} u\u{308}ber") == "cafe-ueber")
    }

    @Test func slugTransliteratesCyrillic() {
        #expect(engine.slug(title: "Привет, мир") == "privet-mir")
        #expect(engine.slug(title: "Щука и ёж") == "shchuka-i-ezh")
    }

    @Test func slugDropsApostrophesAndCollapsesSeparators() {
        #expect(engine.slug(title: "Don't   panic — it’s only C++ & Node.js!") == "dont-panic-its-only-c-node-js")
        #expect(engine.slug(title: "  --Hello__World--  ") == "hello-world")
    }

    @Test func slugKeepsDigits() {
        #expect(engine.slug(title: "Swift 6.3 release notes (2026)") == "swift-6-3-release-notes-2026")
        #expect(engine.slug(title: "2024") == "2024")
    }

    @Test func slugCutsAtHyphenWithinLimit() {
        let title = "The complete guide to writing metadata for static sites with front matter and Markdown"
        let slug = engine.slug(title: title)
        #expect(slug == "the-complete-guide-to-writing-metadata-for-static-sites-with")
        expectValidSlug(slug)
    }

    @Test func slugCutsLongWordAtLimit() {
        let slug = engine.slug(title: String(repeating: "a", count: 100))
        #expect(slug == String(repeating: "a", count: 60))
    }

    @Test func slugCountsTransliteratedLength() {
        // 40 "ß" become 80 ASCII letters, which must still fit in 60.
        let slug = engine.slug(title: String(repeating: "ß", count: 40))
        #expect(slug == String(repeating: "s", count: 60))
        let emojiAndWords = String(repeating: "\u{1F469}\u{200D}\u{1F4BB} code ", count: 20)
        let mixed = engine.slug(title: emojiAndWords)
        expectValidSlug(mixed)
        #expect(mixed.hasPrefix("code-code"))
    }

    @Test func slugAppendsNumberWhenTaken() {
        #expect(engine.slug(title: "Hello World", existing: ["hello-world"]) == "hello-world-2")
        #expect(engine.slug(title: "Hello World", existing: ["hello-world", "hello-world-2", "Hello-World-3"]) == "hello-world-4")
        #expect(engine.slug(title: "Hello World", existing: ["other"]) == "hello-world")
    }

    @Test func slugStaysWithinLimitWhenNumbered() {
        let title = String(repeating: "abcdefghi ", count: 6)
        let base = engine.slug(title: title)
        #expect(base.count == 59)
        let numbered = engine.slug(title: title, existing: [base])
        #expect(numbered == String(repeating: "abcdefghi-", count: 5) + "2")
        expectValidSlug(numbered)
    }

    @Test func slugFallsBackToStableIdForJapanese() {
        let slug = engine.slug(title: "日本語のタイトル")
        // FNV-1a (32 bits) of the title's UTF-8 bytes, which NFD leaves unchanged.
        #expect(slug == "page-e4c4a99b")
        #expect(engine.slug(title: "日本語のタイトル") == slug)
        #expect(engine.slug(title: "  日本語のタイトル \n") == slug)
    }

    @Test func slugFallbackUsesDecomposedForm() {
        // "ガ" decomposes into "カ" and a combining voiced mark, and both spellings give one id.
        #expect(engine.slug(title: "ガイド") == "page-88634d90")
        #expect(engine.slug(title: "\u{30AB}\u{3099}イド") == "page-88634d90")
    }

    @Test func slugFallsBackForEmojiGreekAndEmptyTitles() {
        #expect(engine.slug(title: "🎉🎉") == "page-f12b945d")
        #expect(engine.slug(title: "Ελληνικά") == "page-1712e1f1")
        #expect(engine.slug(title: "") == "page-811c9dc5")
        #expect(engine.slug(title: "!!!") == "page-" + StableHash.hex(StableHash.fnv1a32("!!!".utf8)))
    }

    @Test func slugFallsBackWhenMostLettersAreNotLatin() {
        #expect(engine.slug(title: "東京 2024").hasPrefix("page-"))
        #expect(engine.slug(title: "Swift 入門") == "swift")
    }

    @Test func slugFallbackIsNumberedWhenTaken() {
        #expect(engine.slug(title: "日本語のタイトル", existing: ["page-e4c4a99b"]) == "page-e4c4a99b-2")
    }

    @Test func stableHashMatchesReferenceVectors() {
        #expect(StableHash.fnv1a32("".utf8) == 0x811C_9DC5)
        #expect(StableHash.fnv1a32("a".utf8) == 0xE40C_292C)
        #expect(StableHash.fnv1a32("foobar".utf8) == 0xBF9C_F968)
        #expect(StableHash.hex(0x00AB_CDEF) == "00abcdef")
    }
}
