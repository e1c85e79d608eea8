import Testing
@testable import ParagraphCore

@Suite struct BuiltinDescriptionTests {
    let engine = BuiltinEngine()

    private func describe(_ markdown: String, title: String? = nil, fileName: String = "page.md") throws -> String {
        try engine.description(document: MarkdownDocument(parsing: markdown), title: title, fileName: fileName)
    }

    /// Checks the rules that hold for every description.
    private func expectWellFormed(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(!text.isEmpty, sourceLocation: sourceLocation)
        #expect(text.count <= BuiltinEngine.maxDescriptionLength, sourceLocation: sourceLocation)
        #expect(!text.contains("\n"), sourceLocation: sourceLocation)
        #expect(text == ProseText.trimmed(text), sourceLocation: sourceLocation)
    }

    @Test func descriptionUsesFirstParagraph() throws {
        let text = try describe("First paragraph here.\n\nSecond paragraph.\n")
        #expect(text == "First paragraph here.")
    }

    @Test func descriptionSkipsHeadingsFirst() throws {
        let text = try describe("# Title\n\n## Subtitle\n\nThe body starts here.\n")
        #expect(text == "The body starts here.")
    }

    @Test func descriptionSkipsCodeFirst() throws {
        let text = try describe("```swift\nlet greeting = \"hello\"\n```\n\n    indented code\n\nProse after code.\n")
        #expect(text == "Prose after code.")
    }

    @Test func descriptionSkipsTableFirst() throws {
        let text = try describe("| Name | Value |\n|---|---|\n| a | 1 |\n\nProse after the table.\n")
        #expect(text == "Prose after the table.")
    }

    @Test func descriptionSkipsHTMLBlockAndInlineHTML() throws {
        let text = try describe("<div class=\"note\">\nBlock HTML text.\n</div>\n\nSome <b>bold</b> <!-- hidden --> words.\n")
        #expect(text == "Some bold words.")
    }

    @Test func descriptionSkipsImageOnlyParagraphs() throws {
        let text = try describe("![Cover](cover.png)\n\n[![Badge](badge.svg)](https://ci.example)\n\nReal text.\n")
        #expect(text == "Real text.")
    }

    @Test func descriptionSkipsShortcodesAndCode() throws {
        let markdown = """
            {{< figure src="cover.png" alt="Cover" >}}

            ```
            code first
            ```

            {{% notice info %}}
            {{% /notice %}}

            Welcome {{< icon "star" >}} to the guide.
            """
        #expect(try describe(markdown) == "Welcome to the guide.")
    }

    @Test func descriptionSkipsShortcodeSpanningLines() throws {
        let markdown = """
            {{< youtube
                id="w7Ft2ymGmfc"
                title="Demo" >}}

            Text after the video.
            """
        #expect(try describe(markdown) == "Text after the video.")
    }

    @Test func descriptionRemovesShortcodeParsedAsHTML() throws {
        // cmark-gfm reads `<figure src="a.png">` inside the shortcode as an HTML tag.
        let text = try describe("Before {{<figure src=\"a.png\">}} after {{%mark%}}here{{%/mark%}}.\n")
        #expect(text == "Before after here.")
    }

    @Test func descriptionRemovesShortcodeBeforePunctuation() throws {
        let text = try describe("Read the note {{< ref \"note.md\" >}}. Then continue.\n")
        #expect(text == "Read the note. Then continue.")
    }

    @Test func descriptionKeepsTextOfShortcodeLink() throws {
        let text = try describe("See [the install guide]({{< ref \"install.md\" >}}) first.\n")
        #expect(text == "See the install guide first.")
    }

    @Test func descriptionSkipsHighlightShortcodeContent() throws {
        let markdown = """
            {{< highlight go >}}
            func main() {

                fmt.Println("hi")
            }
            {{< /highlight >}}

            The program prints a greeting.
            """
        #expect(try describe(markdown) == "The program prints a greeting.")
    }

    @Test func descriptionDecodesEntities() throws {
        let text = try describe("Fish &amp; chips &#8217;n&#x27; peas&nbsp;today.\n")
        #expect(text == "Fish & chips \u{2019}n' peas today.")
    }

    @Test func descriptionKeepsLinkTextAndFlattensEmphasis() throws {
        let text = try describe("Read *the* **[official guide](https://example.com/guide \"Guide\")** and `swift build`.\n")
        #expect(text == "Read the official guide and swift build.")
    }

    @Test func descriptionCollapsesWhitespace() throws {
        let text = try describe("One   line\nand  another\\\nline.\n")
        #expect(text == "One line and another line.")
        expectWellFormed(text)
    }

    @Test func descriptionDropsFootnoteReferences() throws {
        let text = try describe("A claim[^1] stands.\n\n[^1]: Source.\n")
        #expect(text == "A claim stands.")
    }

    @Test func descriptionPrefersTopLevelParagraph() throws {
        let text = try describe("- a list item\n- another\n\n> a quote\n\nThe top-level paragraph.\n")
        #expect(text == "The top-level paragraph.")
    }

    @Test func descriptionUsesNestedParagraphWithoutTopLevel() throws {
        let text = try describe("# Links\n\n- [First link](a.md)\n- [Second](b.md)\n")
        #expect(text == "First link")
    }

    @Test func descriptionCutsAtLastSentenceThatFits() throws {
        let paragraph = "Paragraph reads Markdown pages with front matter and fills in missing metadata. "
            + "It writes descriptions, titles and slugs without a network. "
            + "This third sentence pushes the paragraph well past the limit of one hundred and fifty-five characters."
        let text = try describe(paragraph)
        #expect(text == "Paragraph reads Markdown pages with front matter and fills in missing metadata. "
            + "It writes descriptions, titles and slugs without a network.")
        expectWellFormed(text)
    }

    @Test func descriptionCutsAtWordWithoutSentenceEnd() throws {
        let paragraph = String(repeating: "lorem ipsum dolor sit amet ", count: 10)
        let text = try describe(paragraph)
        expectWellFormed(text)
        #expect(text.hasSuffix("\u{2026}"))
        // Five repetitions and "lorem ipsum dolor" fill 152 characters, and " sit" would
        // pass the 154 that are left before the ellipsis.
        #expect(text == String(repeating: "lorem ipsum dolor sit amet ", count: 5) + "lorem ipsum dolor\u{2026}")
        #expect(text.count == 153)
    }

    @Test func descriptionRejectsTooShortSentenceRun() throws {
        // The only sentence end that fits is at 12 characters, under the 60 minimum.
        let paragraph = "Short start. " + String(repeating: "then a long clause without any stop ", count: 6)
        let text = try describe(paragraph)
        expectWellFormed(text)
        #expect(text.hasPrefix("Short start. then"))
        #expect(text.hasSuffix("\u{2026}"))
    }

    @Test func descriptionIgnoresAbbreviationPeriods() throws {
        let paragraph = "Tools such as e.g. Hugo and Jekyll read front matter, as Dr. Smith noted in the talk about static sites. "
            + "A second sentence follows here and makes the whole paragraph longer than the limit allows."
        let text = try describe(paragraph)
        #expect(text == "Tools such as e.g. Hugo and Jekyll read front matter, as Dr. Smith noted in the talk about static sites.")
    }

    @Test func descriptionCutsLongWordMidWord() throws {
        let text = try describe(String(repeating: "x", count: 400))
        #expect(text == String(repeating: "x", count: 154) + "\u{2026}")
    }

    // Each family emoji is 5 scalars and each "é" is 2, yet both are one Character.
    private let family = "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}"
    private let decomposedE = "e\u{301}"

    @Test func descriptionCountsGraphemeClusters() throws {
        let paragraph = String(repeating: family + decomposedE + " ", count: 50)
        let text = try describe(paragraph)
        #expect(text.count == 149)
        #expect(text.unicodeScalars.count == 399)
        #expect(text == ProseText.trimmed(paragraph))
    }

    @Test func descriptionCutsBetweenGraphemeClusters() throws {
        let paragraph = String(repeating: family + decomposedE + " ", count: 60)
        let text = try describe(paragraph)
        expectWellFormed(text)
        #expect(text.count == 153)
        #expect(text.hasSuffix(family + decomposedE + "\u{2026}"))
        for character in text.dropLast() {
            #expect([Character(family), Character(decomposedE), " "].contains(character))
        }
    }

    @Test func descriptionFallsBackToTitle() throws {
        let text = try describe("# Only a heading\n\n```\ncode\n```\n", title: "  The   Page Title ")
        #expect(text == "The Page Title")
    }

    @Test func descriptionFallsBackToFileName() throws {
        #expect(try describe("", title: nil, fileName: "content/posts/2024-05-01-my-first_post.md") == "My first post")
        #expect(try describe("![x](x.png)\n", title: "   ", fileName: "guides/setting-up/index.md") == "Setting up")
    }

    @Test func descriptionIsNeverEmpty() throws {
        #expect(try describe("", title: nil, fileName: ".md") == "Untitled")
        #expect(try describe("{{< toc >}}\n", title: "", fileName: "") == "Untitled")
    }

    @Test func descriptionShortensLongTitleFallback() throws {
        let title = String(repeating: "Long title words ", count: 20)
        let text = try describe("", title: title)
        expectWellFormed(text)
        #expect(text.hasSuffix("\u{2026}"))
    }

    @Test func descriptionHandlesDeepNesting() throws {
        let markdown = String(repeating: ">", count: 100_000) + " Deeply quoted text.\n"
        #expect(try describe(markdown) == "Deeply quoted text.")
        let document = try MarkdownDocument(parsing: markdown)
        #expect(engine.keywords(document: document, title: nil, language: "en") == ["deeply", "quoted", "text"])
    }
}
