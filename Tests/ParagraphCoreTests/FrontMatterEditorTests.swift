import Testing
@testable import ParagraphCore

/// One front-matter shape and the edits to apply to it.
struct EditorCase: CustomTestStringConvertible, Sendable {
    var name: String
    var input: String
    var edits: [FrontMatterEdit]
    /// Lines of the input that the edit fills in place rather than leaving alone.
    var filledLines = 0
    /// The exact expected output, when the case pins it.
    var expected: String?

    var testDescription: String { name }
}

private func text(_ path: String, _ value: String) -> FrontMatterEdit {
    FrontMatterEdit(dottedPath: path, value: .text(value))
}

private let descriptionEdit = text("description", "A short summary.")
private let heroEdits = [text("hero.alt", "A chart of usage"), text("hero.caption", "Usage per month")]

let editorCases: [EditorCase] = [
    EditorCase(
        name: "top-level key added before closing fence",
        input: "---\ntitle: A\n---\nBody\n", edits: [descriptionEdit],
        expected: "---\ntitle: A\ndescription: A short summary.\n---\nBody\n"),
    EditorCase(
        name: "missing parent block added at end",
        input: "---\ntitle: A\n---\nBody\n", edits: [text("seo.title", "Short title")],
        expected: "---\ntitle: A\nseo:\n  title: Short title\n---\nBody\n"),
    EditorCase(
        name: "keys added to existing block mapping",
        input: "---\ntitle: A\nhero:\n  image: a.png\ndate: 2024-01-01\n---\n", edits: heroEdits,
        expected: "---\ntitle: A\nhero:\n  image: a.png\n  alt: A chart of usage\n  caption: Usage per month\ndate: 2024-01-01\n---\n"),
    EditorCase(
        name: "block mapping indented by four",
        input: "---\nhero:\n    image: a.png\ntitle: A\n---\n", edits: heroEdits,
        expected: "---\nhero:\n    image: a.png\n    alt: A chart of usage\n    caption: Usage per month\ntitle: A\n---\n"),
    EditorCase(
        name: "flow mapping extended inside braces",
        input: "---\nhero: {image: a.png}\n---\n", edits: heroEdits, filledLines: 1,
        expected: "---\nhero: {image: a.png, alt: A chart of usage, caption: Usage per month}\n---\n"),
    EditorCase(
        name: "empty flow mapping extended",
        input: "---\nseo: {}\n---\n", edits: [text("seo.title", "T")], filledLines: 1,
        expected: "---\nseo: {title: T}\n---\n"),
    EditorCase(
        name: "empty value filled in place",
        input: "---\nhero:\n  image: a.png\n  alt:\n---\n", edits: [text("hero.alt", "Alt")], filledLines: 1,
        expected: "---\nhero:\n  image: a.png\n  alt: Alt\n---\n"),
    EditorCase(
        name: "empty quoted value filled in place",
        input: "---\ndescription: \"\"\n---\n", edits: [descriptionEdit], filledLines: 1,
        expected: "---\ndescription: A short summary.\n---\n"),
    EditorCase(
        name: "tilde value filled in place",
        input: "---\ndescription: ~ # to do\n---\n", edits: [descriptionEdit], filledLines: 1,
        expected: "---\ndescription: A short summary. # to do\n---\n"),
    EditorCase(
        name: "single quoted empty value filled",
        input: "---\ndescription: ''\n---\n", edits: [descriptionEdit], filledLines: 1),
    EditorCase(
        name: "null parent gets nested keys",
        input: "---\nseo:\ntitle: A\n---\n", edits: [text("seo.title", "T")],
        expected: "---\nseo:\n  title: T\ntitle: A\n---\n"),
    EditorCase(
        name: "no front matter gets new block",
        input: "# Heading\n\nText.\n", edits: [descriptionEdit],
        expected: "---\ndescription: A short summary.\n---\n# Heading\n\nText.\n"),
    EditorCase(
        name: "empty front matter block",
        input: "---\n---\nBody\n", edits: [descriptionEdit],
        expected: "---\ndescription: A short summary.\n---\nBody\n"),
    EditorCase(
        name: "comment only front matter",
        input: "---\n# nothing yet\n---\nBody\n", edits: [descriptionEdit],
        expected: "---\n# nothing yet\ndescription: A short summary.\n---\nBody\n"),
    EditorCase(
        name: "comments between keys and after last key",
        input: "---\ntitle: A # the title\n# between\ndate: 2024-01-01\n# after the last key\n---\n", edits: [descriptionEdit]),
    EditorCase(
        name: "comment after nested block",
        input: "---\nhero:\n  image: a.png\n  # about the hero\ntitle: A\n---\n", edits: heroEdits),
    EditorCase(
        name: "literal block scalar as last value",
        input: "---\ntitle: A\nnotes: |\n  line one\n  line two\n---\nBody\n", edits: [descriptionEdit]),
    EditorCase(
        name: "folded block scalar as last value in nested block",
        input: "---\nhero:\n  image: a.png\n  note: >\n    folded\n    text\n\ntitle: A\n---\n", edits: heroEdits),
    EditorCase(
        name: "keep chomping block scalar",
        input: "---\nhero:\n  image: a.png\n  note: |+\n    kept\n\ntitle: A\n---\n", edits: heroEdits),
    EditorCase(
        name: "anchors and aliases elsewhere",
        input: "---\nbase: &b {x: 1}\ncopy: *b\nhero:\n  image: &img a.png\n  other: *img\n---\n", edits: heroEdits),
    EditorCase(
        name: "hero nested at two indentations",
        input: "---\nparams:\n  hero:\n    image: a.png\ntitle: A\n---\n",
        edits: [text("params.hero.alt", "Alt")],
        expected: "---\nparams:\n  hero:\n    image: a.png\n    alt: Alt\ntitle: A\n---\n"),
    EditorCase(
        name: "tabs inside values",
        input: "---\ntitle: \"a\\tb\"\nother: x\ty\n---\n", edits: [descriptionEdit]),
    EditorCase(
        name: "very long line",
        input: "---\ntitle: " + String(repeating: "long ", count: 2000) + "end\n---\n", edits: [descriptionEdit]),
    EditorCase(
        name: "document end marker as closing fence",
        input: "---\ntitle: A\n...\nBody\n", edits: [descriptionEdit],
        expected: "---\ntitle: A\ndescription: A short summary.\n...\nBody\n"),
    EditorCase(
        name: "BOM and CRLF with Polish and Japanese values",
        input: "\u{FEFF}---\r\ntitle: Zażółć gęślą jaźń\r\nsubtitle: 日本語のタイトル\r\nhero:\r\n  image: ż.png\r\n---\r\nTreść\r\n",
        edits: [text("hero.alt", "Żółw"), descriptionEdit],
        expected: "\u{FEFF}---\r\ntitle: Zażółć gęślą jaźń\r\nsubtitle: 日本語のタイトル\r\nhero:\r\n  image: ż.png\r\n  alt: Żółw\r\ndescription: A short summary.\r\n---\r\nTreść\r\n"),
    EditorCase(
        name: "lone CR line endings",
        input: "---\rtitle: A\r---\rBody\r", edits: [descriptionEdit],
        expected: "---\rtitle: A\rdescription: A short summary.\r---\rBody\r"),
    EditorCase(
        name: "trailing whitespace kept",
        input: "---\ntitle: A   \nhero:   \n  image: a.png  \n---\n", edits: heroEdits),
    EditorCase(
        name: "blank lines kept",
        input: "---\n\ntitle: A\n\n\nhero:\n  image: a.png\n\n---\n", edits: heroEdits),
    EditorCase(
        name: "quoted keys and values kept",
        input: "---\n\"title\": 'It''s'\n'hero':\n  \"image\": \"a.png\"\n---\n", edits: heroEdits),
    EditorCase(
        name: "keywords as flow sequence",
        input: "---\ntitle: A\n---\n",
        edits: [FrontMatterEdit(path: ["keywords"], value: .list(["pricing", "a, b", "yes", "C++"]))],
        expected: "---\ntitle: A\nkeywords: [pricing, \"a, b\", \"yes\", C++]\n---\n"),
    EditorCase(
        name: "sequence as last value of nested block",
        input: "---\nhero:\n  image: a.png\n  tags:\n    - one\n    - two\ntitle: A\n---\n", edits: heroEdits),
    EditorCase(
        name: "multi-line plain scalar as last value",
        input: "---\nhero:\n  image: a.png\n  note: this plain text\n    continues here\ntitle: A\n---\n", edits: heroEdits),
    EditorCase(
        name: "multi-line flow mapping",
        input: "---\nhero: {\n  image: a.png,\n}\n---\n", edits: [text("hero.alt", "Alt")], filledLines: 1),
    EditorCase(
        name: "two new parents and a top-level key",
        input: "---\ntitle: A\n---\n",
        edits: [descriptionEdit, text("seo.title", "T"), FrontMatterEdit(path: ["seo", "keywords"], value: .list(["a", "b", "c"]))],
        expected: "---\ntitle: A\ndescription: A short summary.\nseo:\n  title: T\n  keywords: [a, b, c]\n---\n"),
    EditorCase(
        name: "second dashes in body untouched",
        input: "---\ntitle: A\n---\nText\n\n---\n\nMore\n", edits: [descriptionEdit]),
    EditorCase(
        name: "merge key in root",
        input: "---\nbase: &b {draft: false}\n<<: *b\ntitle: A\n---\n", edits: [descriptionEdit]),
]

@Suite struct FrontMatterEditorTests {
    @Test(arguments: editorCases)
    func editKeepsOtherLines(_ testCase: EditorCase) throws {
        let input = Array(testCase.input.utf8)
        let output = try FrontMatterEditor().apply(testCase.edits, to: input)
        let outputText = String(decoding: output, as: UTF8.self)
        if let expected = testCase.expected {
            #expect(outputText == expected)
        }

        // The new file parses to the old tree plus exactly the new fields.
        let old = try FrontMatter.parse(input)
        let new = try FrontMatter.parse(output)
        var expectedTree = old.fields
        for edit in testCase.edits {
            expectedTree = FrontMatterEditor.setting(edit.path[...], to: edit.value, in: expectedTree)
        }
        #expect(new.fields == expectedTree)
        #expect(new.body == old.body)

        // Every input line survives byte for byte, in order, except the lines filled in place.
        let oldLines = Self.lines(input)
        let newLines = Self.lines(output)
        var newIndex = 0
        var unmatched = 0
        for line in oldLines {
            guard let found = newLines[newIndex...].firstIndex(of: line) else {
                unmatched += 1
                continue
            }
            newIndex = found + 1
        }
        #expect(unmatched == testCase.filledLines)
        #expect(newLines.count >= oldLines.count)
    }

    /// Lines with their terminators, so line-ending changes count as changes.
    static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        var result: [[UInt8]] = []
        var current: [UInt8] = []
        var index = 0
        while index < bytes.count {
            current.append(bytes[index])
            if bytes[index] == 0x0A || (bytes[index] == 0x0D && (index + 1 >= bytes.count || bytes[index + 1] != 0x0A)) {
                result.append(current)
                current = []
            }
            index += 1
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    @Test func existingValueIsNeverReplaced() {
        #expect(throws: FrontMatterEditError.alreadySet(key: "description", location: SourceLocation(line: 2, column: 1))) {
            try FrontMatterEditor().apply([descriptionEdit], to: Array("---\ndescription: Mine\n---\n".utf8))
        }
    }

    @Test func scalarParentIsRejected() {
        #expect(throws: FrontMatterEditError.notAMapping(key: "hero", location: SourceLocation(line: 2, column: 1))) {
            try FrontMatterEditor().apply(heroEdits, to: Array("---\nhero: a.png\n---\n".utf8))
        }
    }

    @Test func aliasParentIsRejected() {
        #expect(throws: FrontMatterEditError.throughAlias(key: "hero", location: SourceLocation(line: 3, column: 1))) {
            try FrontMatterEditor().apply(heroEdits, to: Array("---\nbase: &h {image: a.png}\nhero: *h\n---\n".utf8))
        }
    }

    @Test func tomlPageIsNeverWritten() {
        #expect(throws: FrontMatterEditError.unreadable(.tomlNotSupported)) {
            try FrontMatterEditor().apply([descriptionEdit], to: Array("+++\ntitle = 'x'\n+++\n".utf8))
        }
    }
}


@Suite struct FrontMatterEditorReplaceTests {
    @Test func toolValueIsReplacedInPlace() throws {
        let input = "---\ntitle: A\ndescription: Old summary # generated\nkeywords: [a, \"b, c\"]\n---\nBody\n"
        let output = try FrontMatterEditor().apply([
            FrontMatterEdit(path: ["description"], value: .text("New: summary"), replacesValue: true),
            FrontMatterEdit(path: ["keywords"], value: .list(["x"]), replacesValue: true),
        ], to: Array(input.utf8))
        #expect(String(decoding: output, as: UTF8.self) == "---\ntitle: A\ndescription: \"New: summary\" # generated\nkeywords: [x]\n---\nBody\n")
    }

    @Test func blockScalarIsNotReplaced() {
        #expect(throws: FrontMatterEditError.self) {
            try FrontMatterEditor().apply(
                [FrontMatterEdit(path: ["description"], value: .text("x"), replacesValue: true)],
                to: Array("---\ndescription: |\n  long\n---\n".utf8))
        }
    }
}
