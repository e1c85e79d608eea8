import Testing
@testable import ParagraphCore

@Suite struct BuiltinKeywordsTests {
    let engine = BuiltinEngine()

    private func keywords(_ markdown: String, title: String? = nil, language: String = "en", count: Int = 5) throws -> [String] {
        try engine.keywords(document: MarkdownDocument(parsing: markdown), title: title, language: language, count: count)
    }

    @Test func keywordsRankByFrequency() throws {
        let markdown = """
            Gardening needs soil. Good soil needs compost, and compost needs worms.
            Soil, compost and worms make a garden. Tomatoes like soil.
            """
        let result = try keywords(markdown, count: 3)
        #expect(result == ["soil", "compost", "worms"])
    }

    @Test func keywordsWeightTitleWords() throws {
        let markdown = "Bread uses flour, water and salt. Flour quality matters for bread and flour storage."
        #expect(try keywords(markdown, count: 3).first == "flour")
        #expect(try keywords(markdown, title: "Sourdough Bread", count: 3).first == "bread")
        #expect(try keywords(markdown, title: "Sourdough Bread", count: 3).contains("sourdough"))
    }

    @Test func keywordsWeightHeadings() throws {
        let markdown = "# Kubernetes\n\nDocker docker containers.\n"
        #expect(try keywords(markdown, count: 3) == ["kubernetes", "docker", "containers"])
    }

    @Test func keywordsDropStopwordsAndShortWords() throws {
        let result = try keywords("The and of it is to be or not to be, but this is what we have got. Swift", count: 8)
        #expect(result == ["swift"])
    }

    @Test func keywordsDropLanguageStopwords() throws {
        let markdown = "Die Katze und der Hund sind nicht immer Freunde, aber die Katze schläft."
        let result = try keywords(markdown, language: "de-AT", count: 3)
        #expect(result == ["katze", "hund", "freunde"])
        #expect(try keywords(markdown, language: "en", count: 3).contains("die"))
    }

    @Test func keywordsSkipCodeURLsAndShortcodes() throws {
        let markdown = """
            Deploy with rsync to https://deploy.example.com/path or www.example.org soon.

            ```sh
            rsync rsync rsync rsync
            ```

            {{< figure src="figure.png" caption="figure figure figure" >}}

            <div>markup markup markup</div>
            """
        let result = try keywords(markdown, count: 8)
        #expect(result == ["deploy", "rsync", "soon"])
    }

    @Test func keywordsMergeEnglishPlurals() throws {
        let markdown = "Pages link pages. A page has libraries, and each library has classes. The class list."
        let result = try keywords(markdown, count: 8)
        // "pages" occurs twice and "page" once: the merged term takes the more frequent
        // form, and its score of 3 puts it first.
        #expect(result.first == "pages")
        #expect(!result.contains("page"))
        // On a tie, the singular is kept.
        #expect(result.contains("library"))
        #expect(!result.contains("libraries"))
        #expect(result.contains("class"))
        #expect(!result.contains("classes"))
    }

    @Test func keywordsBreakTiesByFirstOccurrence() throws {
        #expect(try keywords("zebra apple mango", count: 3) == ["zebra", "apple", "mango"])
        // The same input always gives the same output.
        let markdown = "alpha beta gamma delta epsilon zeta eta theta iota kappa"
        #expect(try keywords(markdown, count: 8) == keywords(markdown, count: 8))
        #expect(try keywords(markdown, count: 8) == ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"])
    }

    @Test func keywordsClampCountToRange() throws {
        let markdown = "one1 apples bananas cherries dates elderberries figs grapes honeydew kiwis lemons"
        #expect(try keywords(markdown, count: 1).count == 3)
        #expect(try keywords(markdown, count: 0).count == 3)
        #expect(try keywords(markdown, count: 20).count == 8)
        #expect(try keywords(markdown, count: 5).count == 5)
    }

    @Test func keywordsAreLowercaseAndStripPossessives() throws {
        let result = try keywords("Swift's SwiftPM and SWIFT. Apple's APPLE apple.", count: 3)
        #expect(result == ["apple", "swift", "swiftpm"])
    }

    @Test func keywordsOfEmptyDocumentAreEmpty() throws {
        #expect(try keywords("", count: 5).isEmpty)
    }
}
