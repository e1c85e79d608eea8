import Testing
@testable import ParagraphCore

@Suite struct MarkdownDocumentTests {
    private func kinds(_ document: MarkdownDocument) -> [MarkdownNode.Kind] {
        var result: [MarkdownNode.Kind] = []
        document.root.walk { node in
            result.append(node.kind)
            return .visitChildren
        }
        return result
    }

    @Test func parsesTable() throws {
        let document = try MarkdownDocument(parsing: "| a | b |\n|:--|--:|\n| 1 | 2 |\n")
        let found = kinds(document)
        #expect(found.contains(.table))
        #expect(found.contains(.tableRow(isHeader: true)))
        #expect(found.contains(.tableRow(isHeader: false)))
        #expect(found.filter { $0 == .tableCell }.count == 4)
    }

    @Test func parsesTaskListItems() throws {
        let document = try MarkdownDocument(parsing: "- [x] done\n- [ ] open\n- plain\n")
        let items = kinds(document).filter { if case .listItem = $0 { return true } else { return false } }
        #expect(items == [.listItem(taskChecked: true), .listItem(taskChecked: false), .listItem(taskChecked: nil)])
    }

    @Test func parsesStrikethroughAndAutolink() throws {
        let document = try MarkdownDocument(parsing: "Old ~~text~~ at www.example.com now\n")
        let found = kinds(document)
        #expect(found.contains(.strikethrough))
        #expect(found.contains(.link(destination: "http://www.example.com", title: "")))
    }

    @Test func parsesFootnotes() throws {
        let document = try MarkdownDocument(parsing: "A claim[^1].\n\n[^1]: The source.\n")
        let found = kinds(document)
        #expect(found.contains(.footnoteReference(label: "1")))
        #expect(found.contains(.footnoteDefinition))
        #expect(!found.contains { if case .other = $0 { return true } else { return false } })
    }

    @Test func parsesListAndCodeBlockData() throws {
        let document = try MarkdownDocument(parsing: "3. three\n4. four\n\n```swift\nlet x = 1\n```\n\n## Two\n")
        let found = kinds(document)
        #expect(found.contains(.list(ordered: true, start: 3, tight: true)))
        #expect(found.contains(.codeBlock(info: "swift", code: "let x = 1\n")))
        #expect(found.contains(.heading(level: 2)))
    }

    @Test func textNodesHaveEntitiesDecoded() throws {
        let document = try MarkdownDocument(parsing: "Fish &amp; chips &#8217; &copy;\n")
        #expect(document.root.plainText == "Fish & chips \u{2019} \u{A9}")
    }

    @Test func locationsAreOneBasedAndShiftedByLineOffset() throws {
        let document = try MarkdownDocument(parsing: "# Title\n\nSome *text*.\n", lineOffset: 4)
        let heading = try #require(document.firstHeading)
        #expect(heading.location == SourceLocation(line: 5, column: 1))
        let emphasis = try #require(document.root.firstDescendant { $0.kind == .emphasis })
        #expect(emphasis.location == SourceLocation(line: 7, column: 6))
    }

    @Test func locationColumnsCountScalarsNotBytes() throws {
        // "Zażółć " is 7 scalars but 11 bytes in UTF-8.
        let document = try MarkdownDocument(parsing: "Zażółć *x*\r\n\r\nłódź *y*\n")
        let emphases = kinds(document).filter { $0 == .emphasis }
        #expect(emphases.count == 2)
        var locations: [ParagraphCore.SourceLocation?] = []
        document.root.walk { node in
            if node.kind == .emphasis { locations.append(node.location) }
            return .visitChildren
        }
        #expect(locations == [SourceLocation(line: 1, column: 8), SourceLocation(line: 3, column: 6)])
    }

    @Test func locationIgnoresByteOrderMark() throws {
        let document = try MarkdownDocument(parsing: "\u{FEFF}Hello *x*\n")
        let paragraph = try #require(document.root.children.first)
        #expect(paragraph.location == SourceLocation(line: 1, column: 1))
        let emphasis = try #require(document.root.firstDescendant { $0.kind == .emphasis })
        #expect(emphasis.location == SourceLocation(line: 1, column: 7))
    }

    @Test func lineBreaksHaveNoLocation() throws {
        let document = try MarkdownDocument(parsing: "one\ntwo\n")
        let softBreak = try #require(document.root.firstDescendant { $0.kind == .softBreak })
        #expect(softBreak.location == nil)
    }

    @Test func childrenAndParentAgree() throws {
        let document = try MarkdownDocument(parsing: "# A\n\nB *c* d\n\n- e\n- f\n")
        let blocks = document.root.children
        #expect(blocks.map(\.kind) == [.heading(level: 1), .paragraph, .list(ordered: false, start: 0, tight: true)])
        for block in blocks {
            #expect(block.parent?.kind == .document)
        }
        #expect(blocks[1].children.count == 3)
        #expect(blocks[2].descendantCount == 6)
    }

    @Test func plainTextKeepsLinkTextAndDropsMarkup() throws {
        let source = "Read **the** [guide](https://example.com \"t\") ![logo](logo.png) <b>now</b>[^n]\nplease.\n\n[^n]: x\n"
        let document = try MarkdownDocument(parsing: source)
        let paragraph = try #require(document.root.children.first)
        #expect(paragraph.plainText == "Read the guide  now please.")
    }

    @Test func textFragmentsSeparateRawHTML() throws {
        let document = try MarkdownDocument(parsing: "a <span>b</span>\nc\n")
        let paragraph = try #require(document.root.children.first)
        #expect(paragraph.textFragments == [
            .text("a "), .inlineHTML("<span>"), .text("b"), .inlineHTML("</span>"), .lineBreak, .text("c"),
        ])
    }

    @Test func plainTextSeparatesBlocks() throws {
        let document = try MarkdownDocument(parsing: "# One\nTwo\n\n```\ncode\n```\n\n<div>html</div>\n\nThree\n")
        #expect(document.root.plainText == "One Two Three")
    }

    @Test func imagePlainTextIsItsAltText() throws {
        let document = try MarkdownDocument(parsing: "![A *red* fox](fox.jpg)\n")
        let image = try #require(document.root.firstDescendant { if case .image = $0.kind { true } else { false } })
        #expect(image.plainText == "A red fox")
        #expect(image.kind == .image(source: "fox.jpg", title: ""))
    }

    @Test func emptyDocumentHasOnlyRoot() throws {
        let document = try MarkdownDocument(parsing: "")
        #expect(document.root.kind == .document)
        #expect(document.root.descendantCount == 0)
        #expect(document.root.children.isEmpty)
        #expect(document.renderHTML(rawHTML: false) == "")
    }
}

@Suite struct MarkdownRenderingTests {
    @Test func renderOmitsRawHTMLWhenNotAllowed() throws {
        let document = try MarkdownDocument(parsing: "Hi <b>there</b>\n\n<div>block</div>\n")
        let html = document.renderHTML(rawHTML: false)
        #expect(!html.contains("<b>"))
        #expect(!html.contains("<div>"))
        #expect(html.contains("<!-- raw HTML omitted -->"))
    }

    @Test func renderPassesRawHTMLWhenAllowed() throws {
        let document = try MarkdownDocument(parsing: "Hi <b>there</b>\n")
        #expect(document.renderHTML(rawHTML: true) == "<p>Hi <b>there</b></p>\n")
    }

    @Test func renderFiltersDangerousTagsEvenWhenRaw() throws {
        let document = try MarkdownDocument(parsing: "<script>alert(1)</script>\n")
        let html = document.renderHTML(rawHTML: true)
        #expect(html.contains("&lt;script>"))
        #expect(!html.contains("<script>"))
    }

    @Test func renderUsesStyleAttributesForTableAlignment() throws {
        let document = try MarkdownDocument(parsing: "| a | b |\n|:--|--:|\n| 1 | 2 |\n")
        let html = document.renderHTML(rawHTML: false)
        #expect(html.contains("<th style=\"text-align: left\">a</th>"))
        #expect(!html.contains("align=\""))
    }

    @Test func renderIncludesFootnotesAndTaskLists() throws {
        let document = try MarkdownDocument(parsing: "- [x] done\n\nSee[^1].\n\n[^1]: Note.\n")
        let html = document.renderHTML(rawHTML: false)
        #expect(html.contains("type=\"checkbox\" checked=\"\""))
        #expect(html.contains("class=\"footnotes\""))
        #expect(html.contains("href=\"#fn-1\""))
    }

    @Test func renderKeepsQuotesStraight() throws {
        let document = try MarkdownDocument(parsing: "\"Quoted\" -- text\n")
        #expect(document.renderHTML(rawHTML: false) == "<p>&quot;Quoted&quot; -- text</p>\n")
    }

    @Test func parsesConcurrentlyFromManyTasks() async throws {
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<16 {
                group.addTask {
                    let document = try MarkdownDocument(parsing: "| a |\n|---|\n| \(index) |\n")
                    return document.renderHTML(rawHTML: false).contains("<table>") ? 1 : 0
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(counts == 16)
    }
}

@Suite struct MarkdownDeepNestingTests {
    /// Counts the ancestors of `node` by following parent links.
    private func depth(of node: MarkdownNode) -> Int {
        var depth = 0
        var current = node.parent
        while let parent = current {
            depth += 1
            current = parent.parent
        }
        return depth
    }

    @Test func deepBlockQuotesDoNotOverflowStack() throws {
        let nesting = 100_000
        let document = try MarkdownDocument(parsing: String(repeating: ">", count: nesting) + " deep\n")
        var quotes = 0
        document.root.walk { node in
            if node.kind == .blockQuote { quotes += 1 }
            return .visitChildren
        }
        #expect(quotes == nesting)

        let text = try #require(document.root.firstDescendant { $0.kind == .text("deep") })
        #expect(depth(of: text) == nesting + 2)
        #expect(document.root.plainText == "deep")

        let html = document.renderHTML(rawHTML: false)
        #expect(html.hasSuffix("</blockquote>\n"))
    }

    @Test func deepListsDoNotOverflowStack() throws {
        let nesting = 50_000
        let document = try MarkdownDocument(parsing: String(repeating: "- ", count: nesting) + "leaf\n")
        let text = try #require(document.root.firstDescendant { $0.kind == .text("leaf") })
        // Each level is a list and an item; the innermost item contains a paragraph.
        #expect(depth(of: text) == 2 * nesting + 2)
        #expect(document.root.descendantCount == 2 * nesting + 2)
    }

    @Test func deepEmphasisDoesNotOverflowStack() throws {
        let nesting = 20_000
        let source = String(repeating: "*", count: nesting) + "core" + String(repeating: "*", count: nesting)
        let document = try MarkdownDocument(parsing: source)
        #expect(document.root.plainText == "core")
        #expect(document.root.descendantCount > nesting / 2)
    }
}
