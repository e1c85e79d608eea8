import Testing
@testable import ParagraphCore

@Suite struct BuiltinHeroImageTests {
    let engine = BuiltinEngine()

    /// Checks the rules that hold for every alt text and caption.
    private func expectPlainLine(_ text: String, limit: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(text.count <= limit, sourceLocation: sourceLocation)
        #expect(!text.contains("\n"), sourceLocation: sourceLocation)
        #expect(text == ProseText.trimmed(text), sourceLocation: sourceLocation)
        #expect(!text.lowercased().hasPrefix("image of"), sourceLocation: sourceLocation)
    }

    @Test func imageWordsDropNoiseTokens() {
        let words = ImageFileWords.words(inPath: "/static/img/hero-mountainLake_at-sunrise-1200x630-final-v2@2x.webp?v=3")
        #expect(words == ["mountain", "lake", "at", "sunrise"])
        #expect(ImageFileWords.words(inPath: "IMG_20240101_123456.JPG").isEmpty)
        #expect(ImageFileWords.words(inPath: "uploads/3f9a2c1d-cover.png").isEmpty)
        #expect(ImageFileWords.words(inPath: "C:\\photos\\DSC0042.jpg").isEmpty)
    }

    @Test func imageWordsSplitCamelCaseAndKeepAcronyms() {
        #expect(ImageFileWords.words(inPath: "HTTPServerDiagram.svg") == ["HTTP", "server", "diagram"])
        #expect(ImageFileWords.words(inPath: "team%20photo2024.jpeg") == ["team", "photo"])
        #expect(ImageFileWords.words(inPath: "a-day-in-paris.jpg") == ["a", "day", "in", "paris"])
    }

    @Test func altCombinesFileNameAndTitle() {
        let alt = engine.heroAlt(imagePath: "/images/mountain-lake_sunrise-1200x630-final.jpg", title: "Hiking in Norway", nearbyText: nil)
        #expect(alt == "Mountain lake sunrise, illustrating Hiking in Norway")
        expectPlainLine(alt, limit: BuiltinEngine.maxAltTextLength)
    }

    @Test func altOmitsTitleThatRepeatsFileName() {
        let alt = engine.heroAlt(imagePath: "hiking-norway.png", title: "Hiking in Norway", nearbyText: "Text.")
        #expect(alt == "Hiking norway")
    }

    @Test func altFallsBackToTitleThenNearbyText() {
        #expect(engine.heroAlt(imagePath: "IMG_1234.jpg", title: " Hiking   in Norway ", nearbyText: nil)
            == "Illustration for Hiking in Norway")
        #expect(engine.heroAlt(imagePath: "hero.png", title: nil, nearbyText: "Fjords are deep. They are old.")
            == "Illustration: Fjords are deep.")
        #expect(engine.heroAlt(imagePath: "", title: "", nearbyText: "  ") == "Illustration")
    }

    @Test func altIsEmptyForDecorativeImage() {
        #expect(engine.heroAlt(imagePath: "mountain.jpg", title: "Hiking", nearbyText: "Text.", decorative: true) == "")
    }

    @Test func altShortensLongTitleToLimit() {
        let title = String(repeating: "A very long title about mountains ", count: 8)
        let alt = engine.heroAlt(imagePath: "mountain-lake.jpg", title: title, nearbyText: nil)
        expectPlainLine(alt, limit: BuiltinEngine.maxAltTextLength)
        #expect(alt.hasPrefix("Mountain lake, illustrating A very long title"))
        #expect(!alt.hasSuffix(" "))
    }

    @Test func altDropsTitleOfOnlySeparators() {
        let title = String(repeating: "- ", count: 100)
        #expect(engine.heroAlt(imagePath: "mountain-lake.jpg", title: title, nearbyText: nil) == "Mountain lake")
    }

    @Test func altShortensLongFileName() {
        let path = String(repeating: "word-", count: 40) + "end.png"
        let alt = engine.heroAlt(imagePath: path, title: nil, nearbyText: nil)
        expectPlainLine(alt, limit: BuiltinEngine.maxAltTextLength)
        #expect(alt.hasPrefix("Word word"))
    }

    @Test func altCountsGraphemeClusters() {
        let title = String(repeating: "\u{1F3D4}\u{FE0F} e\u{301}te\u{301} ", count: 30)
        let alt = engine.heroAlt(imagePath: "IMG_1.jpg", title: title, nearbyText: nil)
        expectPlainLine(alt, limit: BuiltinEngine.maxAltTextLength)
        #expect(alt.count > 100)
        #expect(alt.unicodeScalars.count > BuiltinEngine.maxAltTextLength)
    }

    @Test func captionAddsNearbySentence() {
        let caption = engine.heroCaption(
            imagePath: "/images/mountain-lake.jpg", title: "Hiking in Norway",
            nearbyText: "Norway's fjords offer some of Europe's best hiking. Bring boots.")
        #expect(caption == "Mountain lake. Norway's fjords offer some of Europe's best hiking.")
        expectPlainLine(caption, limit: BuiltinEngine.maxCaptionLength)
    }

    @Test func captionWithoutNearbyTextIsFileNameSentence() {
        #expect(engine.heroCaption(imagePath: "mountain-lake.jpg", title: "Hiking", nearbyText: nil) == "Mountain lake.")
    }

    @Test func captionDropsNearbySentenceThatDoesNotFit() {
        let nearby = String(repeating: "long words ", count: 20) + "end."
        let caption = engine.heroCaption(imagePath: "mountain-lake.jpg", title: nil, nearbyText: nearby)
        #expect(caption == "Mountain lake.")
    }

    @Test func captionFallsBackToNearbyTextThenTitle() {
        #expect(engine.heroCaption(imagePath: "IMG_1.jpg", title: "Hiking", nearbyText: "Fjords are deep\nand old")
            == "Fjords are deep and old.")
        #expect(engine.heroCaption(imagePath: "IMG_1.jpg", title: "Hiking in Norway", nearbyText: nil) == "Hiking in Norway.")
        #expect(engine.heroCaption(imagePath: "IMG_1.jpg", title: "Why hike?", nearbyText: nil) == "Why hike?")
        #expect(engine.heroCaption(imagePath: "", title: nil, nearbyText: nil) == "Illustration.")
    }

    @Test func captionShortensLongNearbyText() {
        let nearby = String(repeating: "word ", count: 60)
        let caption = engine.heroCaption(imagePath: "IMG_1.jpg", title: nil, nearbyText: nearby)
        expectPlainLine(caption, limit: BuiltinEngine.maxCaptionLength)
        #expect(caption.hasSuffix("word."))
    }
}
