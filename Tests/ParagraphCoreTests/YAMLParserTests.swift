import Testing
@testable import ParagraphCore

@Suite struct YAMLParserTests {
    let parser = YAMLParser()

    @Test func coreSchemaKeepsYesNoOnAsStrings() throws {
        let node = try #require(try parser.parseDocument("a: no\nb: on\nc: yes\nd: off\n"))
        for key in ["a", "b", "c", "d"] {
            #expect(node[key]?.scalar?.value == .string)
        }
        #expect(node["a"]?.string == "no")
    }

    @Test func floatsKeepTheirText() throws {
        let node = try #require(try parser.parseDocument("version: 1.10\nother: 1.0\n"))
        #expect(node["version"]?.scalar?.text == "1.10")
        #expect(node["version"]?.scalar?.value == .float)
        #expect(node["other"]?.scalar?.text == "1.0")
    }

    @Test func datesAndNullsResolve() throws {
        let node = try #require(try parser.parseDocument("date: 2024-01-01\nnothing: ~\nempty:\nquoted: \"~\"\n"))
        #expect(node["date"]?.scalar?.value == .string)
        #expect(node["date"]?.string == "2024-01-01")
        #expect(node["nothing"]?.scalar?.value == .null)
        #expect(node["empty"]?.scalar?.value == .null)
        #expect(node["quoted"]?.scalar?.value == .string)
    }

    @Test func quotedAndBlockScalars() throws {
        let yaml = "single: 'it''s'\ndouble: \"tab\\there\"\nliteral: |\n  line one\n  line two\nfolded: >\n  one\n  two\n"
        let node = try #require(try parser.parseDocument(yaml))
        #expect(node["single"]?.string == "it's")
        #expect(node["double"]?.string == "tab\there")
        #expect(node["literal"]?.string == "line one\nline two\n")
        #expect(node["folded"]?.string == "one two\n")
        #expect(node["literal"]?.scalar?.style == .literal)
    }

    @Test func blockScalarAtEndOfTextKeepsLineBreak() throws {
        let clipChomping = try #require(try parser.parseDocument("notes: |\n  x"))
        #expect(clipChomping["notes"]?.string == "x\n")

        let moreIndentedLastLine = try #require(try parser.parseDocument("foo: |\n  x\n   "))
        #expect(moreIndentedLastLine["foo"]?.string == "x\n \n")

        let keepChomping = try #require(try parser.parseDocument("- |+\n   "))
        #expect(keepChomping.sequence?.first?.string == "\n")

        let stripChomping = try #require(try parser.parseDocument("notes: |-\n  x"))
        #expect(stripChomping["notes"]?.string == "x")
    }

    @Test func nodesKeepLineAndColumn() throws {
        let node = try #require(try parser.parseDocument("title: x\nhero:\n  image: a.png\n"))
        #expect(node["hero"]?["image"]?.location == SourceLocation(line: 3, column: 10))
        #expect(node.mapping?[1].key.location == SourceLocation(line: 2, column: 1))
    }

    @Test func duplicateKeyNamesBothLines() {
        #expect(throws: YAMLError.duplicateKey(
            key: "title", location: SourceLocation(line: 3, column: 1), first: SourceLocation(line: 1, column: 1))
        ) {
            try parser.parseDocument("title: a\nother: b\ntitle: c\n")
        }
    }

    @Test func aliasBombIsRejected() {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
            previous = name
        }
        #expect {
            try parser.parseDocument(yaml)
        } throws: { error in
            guard case YAMLError.aliasExpansionTooLarge = error else { return false }
            return true
        }
    }

    @Test func aliasesExpand() throws {
        let node = try #require(try parser.parseDocument("base: &b {x: 1}\ncopy: *b\n"))
        #expect(node["copy"]?["x"]?.string == "1")
    }

    @Test func mergeKeysApplyWithExplicitKeysWinning() throws {
        let yaml = "base: &b {x: 1, y: 2}\nchild:\n  y: 3\n  <<: *b\n"
        let node = try #require(try parser.parseDocument(yaml))
        #expect(node["child"]?["x"]?.string == "1")
        #expect(node["child"]?["y"]?.string == "3")
    }

    @Test func mergeOfScalarIsRejected() {
        #expect(throws: YAMLError.invalidMerge(location: SourceLocation(line: 1, column: 5))) {
            try parser.parseDocument("<<: 3\n")
        }
    }

    @Test func unclosedQuotePointsAtTheQuote() {
        #expect {
            try parser.parseDocument("title: \"open\nnext: x\n")
        } throws: { error in
            guard case YAMLError.syntax(_, let location) = error else { return false }
            return location == SourceLocation(line: 1, column: 8)
        }
    }

    @Test func tabIndentationMentionsTabs() {
        #expect {
            try parser.parseDocument("hero:\n\timage: a.png\n")
        } throws: { error in
            guard case YAMLError.syntax(let message, _) = error else { return false }
            return message.contains("tabs")
        }
    }
}

@Suite struct YAMLParserSizeTests {
    @Test func largeListIsNotAnAliasBomb() throws {
        let yaml = "items:\n" + String(repeating: "  - x\n", count: 60_000)
        let node = try #require(try YAMLParser().parseDocument(yaml))
        #expect(node["items"]?.sequence?.count == 60_000)
    }

    @Test func deepNestingCountsEachNodeOnce() throws {
        let depth = 400
        let yaml = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(try YAMLParser().parseDocument(yaml) != nil)
    }

    @Test func lockOfManyPagesLoads() throws {
        var lock = LockFile()
        for index in 0..<400 {
            for field in Field.allCases {
                lock.set(LockEntry(value: .text("v"), producer: "builtin", promptVersion: "p", inputHash: "h", generatedAt: "t"),
                         page: "content/p\(index).md", field: field)
            }
        }
        #expect(try LockFile.parse(Array(lock.serialized().utf8), path: "byok.lock") == lock)
    }
}
