import Testing
@testable import ParagraphCore

@Suite struct FrontMatterTests {
    func split(_ text: String) throws -> FrontMatter {
        try FrontMatter.parse(Array(text.utf8))
    }

    @Test func fencedBlockSplitsFromBody() throws {
        let result = try split("---\ntitle: Hello\n---\nBody text\n")
        #expect(result.isPresent)
        #expect(result.fields["title"]?.string == "Hello")
        #expect(result.body == "Body text\n")
        #expect(result.bodyStartLine == 4)
        #expect(result.closingFenceLine == 3)
        #expect(result.lineEnding == .lf)
    }

    @Test func byteOrderMarkIsSkippedAndRemembered() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("---\ntitle: BOM\n---\nx\n".utf8)
        let result = try FrontMatter.parse(bytes)
        #expect(result.hasByteOrderMark)
        #expect(result.fields["title"]?.string == "BOM")
        #expect(result.fields["title"]?.location == SourceLocation(line: 2, column: 8))
    }

    @Test func crlfLineEndings() throws {
        let result = try split("---\r\ntitle: Windows\r\nlist:\r\n  - a\r\n---\r\nBody\r\n")
        #expect(result.lineEnding == .crlf)
        #expect(result.fields["title"]?.string == "Windows")
        #expect(result.fields["list"]?.sequence?.count == 1)
        #expect(result.body == "Body\r\n")
    }

    @Test func loneCarriageReturnLineEndings() throws {
        let result = try split("---\rtitle: Classic Mac\rdraft: true\r---\rBody\r")
        #expect(result.lineEnding == .cr)
        #expect(result.fields["title"]?.string == "Classic Mac")
        #expect(result.fields["draft"]?.scalar?.value == .bool(true))
        #expect(result.body == "Body\r")
    }

    @Test func noFrontMatterMeansWholeFileIsBody() throws {
        let result = try split("# Just Markdown\n\nText.\n")
        #expect(!result.isPresent)
        #expect(result.fields.mapping?.isEmpty == true)
        #expect(result.body == "# Just Markdown\n\nText.\n")
    }

    @Test func emptyBlockIsEmptyMapping() throws {
        let result = try split("---\n---\nBody\n")
        #expect(result.isPresent)
        #expect(result.fields.mapping?.isEmpty == true)
        #expect(result.body == "Body\n")
    }

    @Test func commentOnlyBlockIsEmptyMapping() throws {
        let result = try split("---\n# nothing here yet\n\n---\nBody\n")
        #expect(result.fields.mapping?.isEmpty == true)
    }

    @Test func laterFenceBelongsToBody() throws {
        let result = try split("---\ntitle: A\n---\nIntro\n\n---\n\nAfter a thematic break\n")
        #expect(result.fields["title"]?.string == "A")
        #expect(result.body == "Intro\n\n---\n\nAfter a thematic break\n")
    }

    @Test func indentedFenceInsideBlockScalarStaysInScalar() throws {
        let result = try split("---\nnotes: |\n  before\n  ---\n  after\n---\nBody\n")
        #expect(result.fields["notes"]?.string == "before\n---\nafter\n")
        #expect(result.body == "Body\n")
    }

    @Test func leadingHTMLCommentMeansNoFrontMatter() throws {
        let text = "<!-- generated -->\n---\ntitle: Not front matter\n---\n"
        let result = try split(text)
        #expect(!result.isPresent)
        #expect(result.body == text)
    }

    @Test func tomlFrontMatterIsNotSupported() {
        #expect(throws: FrontMatterError.tomlNotSupported) {
            try split("+++\ntitle = \"x\"\n+++\n")
        }
        #expect(FrontMatterError.tomlNotSupported.message.contains("hugo convert toYAML"))
    }

    @Test func jsonFrontMatterIsNotSupported() {
        #expect(throws: FrontMatterError.jsonNotSupported) {
            try split("{\n  \"title\": \"x\"\n}\nBody\n")
        }
    }

    @Test func rootThatIsNotAMappingIsAnError() {
        #expect(throws: FrontMatterError.notAMapping(SourceLocation(line: 2, column: 1))) {
            try split("---\n- a\n- b\n---\n")
        }
        #expect(throws: FrontMatterError.notAMapping(SourceLocation(line: 2, column: 1))) {
            try split("---\njust text\n---\n")
        }
    }

    @Test func unclosedBlockIsAnError() {
        #expect(throws: FrontMatterError.unclosed) {
            try split("---\ntitle: A\nBody without a closing fence\n")
        }
    }

    @Test func yamlErrorsCarryFileLines() {
        #expect {
            try split("---\ntitle: ok\nother: \"unclosed\n---\nBody\n")
        } throws: { error in
            guard case FrontMatterError.yaml(let yamlError) = error else { return false }
            return yamlError.location.line == 3
        }
        #expect(throws: FrontMatterError.yaml(.duplicateKey(
            key: "title", location: SourceLocation(line: 3, column: 1), first: SourceLocation(line: 2, column: 1)))
        ) {
            try split("---\ntitle: a\ntitle: b\n---\n")
        }
    }

    @Test func invalidUTF8IsReported() {
        #expect(throws: FrontMatterError.invalidUTF8) {
            try FrontMatter.parse([0x2D, 0x2D, 0x2D, 0x0A, 0xFF, 0xFE, 0x0A])
        }
    }

    @Test func fenceWithTrailingSpacesIsAccepted() throws {
        let result = try split("---  \ntitle: A\n--- \nBody\n")
        #expect(result.fields["title"]?.string == "A")
    }

    @Test func fenceWithCommentOpensAndCloses() throws {
        let result = try split("--- # page settings\ntitle: Secret launch\ndraft: true\n--- # end\nBody\n")
        #expect(result.isPresent)
        #expect(result.fields["draft"]?.scalar?.value == .bool(true))
        #expect(result.body == "Body\n")
    }

    @Test func dashesThatAreNotAFenceAreAnError() {
        #expect(throws: FrontMatterError.malformedFence) {
            try split("----\ntitle: A\n----\nBody\n")
        }
        #expect(throws: FrontMatterError.malformedFence) {
            try split("---title: A\n---\n")
        }
    }
}
