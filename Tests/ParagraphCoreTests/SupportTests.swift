import Foundation
import Testing
@testable import ParagraphCore

@Suite struct GlobTests {
    @Test func doubleStarMatchesAnyDepth() {
        let glob = Glob("drafts/**")
        #expect(glob.matches("drafts/a.md"))
        #expect(glob.matches("drafts/x/y/z.md"))
        #expect(!glob.matches("posts/drafts.md"))
    }

    @Test func singleStarStaysInSegment() {
        let glob = Glob("*.md")
        #expect(glob.matches("a.md"))
        #expect(!glob.matches("blog/a.md"))
        #expect(Glob("**/*.md").matches("blog/a.md"))
        #expect(Glob("blog/*-draft.md").matches("blog/post-draft.md"))
    }

    @Test func folderPatternMatchesContents() {
        #expect(Glob("archive").matches("archive/2019/post.md"))
        #expect(Glob("/archive/").matches("archive/post.md"))
    }

    @Test func classesAndQuestionMark() {
        #expect(Glob("v1.[0-2].?.md").matches("v1.1.0.md"))
        #expect(!Glob("v1.[!0-2].0.md").matches("v1.1.0.md"))
    }
}

@Suite struct DateParserTests {
    func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }

    @Test func acceptedForms() {
        #expect(DateParser.parse("2024-01-31") == utc(2024, 1, 31))
        #expect(DateParser.parse("2024-01-31T10:20:00Z") == utc(2024, 1, 31, 10, 20))
        #expect(DateParser.parse("2024-01-31 10:20") == utc(2024, 1, 31, 10, 20))
        #expect(DateParser.parse("2024-01-31T12:20:00+02:00") == utc(2024, 1, 31, 10, 20))
        #expect(DateParser.parse("2024-01-31T05:20:00-0500") == utc(2024, 1, 31, 10, 20))
        #expect(DateParser.parse("2024-01-31T10:20:00.123Z") != nil)
    }

    @Test func rejectedForms() {
        #expect(DateParser.parse("yesterday") == nil)
        #expect(DateParser.parse("2024-02-30") == nil)
        #expect(DateParser.parse("2024-13-01") == nil)
        #expect(DateParser.parse("2024-01-31T25:00") == nil)
        #expect(DateParser.parse("2024-01-31 extra") == nil)
    }
}

@Suite struct SitePathTests {
    @Test func normalisesInsidePaths() {
        #expect(SitePath.normalise("a/./b/../c") == "a/c")
        #expect(SitePath.normalise("./") == ".")
    }

    @Test func rejectsEscapes() {
        #expect(SitePath.normalise("../x") == nil)
        #expect(SitePath.normalise("a/../../x") == nil)
        #expect(SitePath.normalise("/etc/passwd") == nil)
        #expect(SitePath.normalise("~/x") == nil)
    }
}

@Suite struct JSONValueTests {
    @Test func yamlScalarsKeepTheirTypes() throws {
        let node = try #require(try YAMLParser().parseDocument("a: no\nb: 1.10\nc: true\nd: ~\ne: .inf\nf: 0x1F\n"))
        let json = JSONValue(node).serialized()
        #expect(json == #"{"a":"no","b":1.10,"c":true,"d":null,"e":".inf","f":"0x1F"}"#)
    }

    @Test func stringsAreEscaped() {
        #expect(JSONValue.string("a\"b\\c\n\u{1}\u{2028}").serialized() == #""a\"b\\c\n\u0001\u2028""#)
    }
}

@Suite struct ControlCharacterTests {
    @Test func diagnosticEscapesNewlinesInPaths() {
        let diagnostic = Diagnostic(path: "content/x\n::stop-commands::token\n.md", location: nil, message: "bad\u{1B}[31m")
        #expect(!diagnostic.description.contains("\n"))
        #expect(diagnostic.description == "content/x\\u{a}::stop-commands::token\\u{a}.md: bad\\u{1b}[31m")
    }

    @Test func diffKeepsLineBreaksButEscapesControls() {
        let diff = UnifiedDiff.diff(old: Array("a\n".utf8), new: Array("b\u{1B}\n".utf8), oldName: "a", newName: "b")
        #expect(diff.contains("+b\\u{1b}\n"))
    }
}
