import Foundation
import Testing
@testable import ParagraphCore

@Suite struct MustacheTemplateTests {
    private func render(
        _ source: String, _ data: MustacheValue = [:], partials: [String: String] = [:]
    ) throws -> String {
        try MustacheTemplate(source: source).render(data, partials: partials)
    }

    // MARK: Rendering

    @Test func sectionOverListRepeats() throws {
        let data: MustacheValue = ["items": [["name": "a"], ["name": "b"], ["name": "c"]]]
        #expect(try render("{{#items}}<{{name}}>{{/items}}", data) == "<a><b><c>")
    }

    @Test func sectionOverObjectPushesContext() throws {
        let data: MustacheValue = ["title": "outer", "page": ["name": "inner"]]
        #expect(try render("{{#page}}{{name}} in {{title}}{{/page}}", data) == "inner in outer")
    }

    @Test func invertedSectionRendersForEmptyList() throws {
        #expect(try render("{{^items}}none{{/items}}", ["items": []]) == "none")
        #expect(try render("{{^items}}none{{/items}}", ["items": [1]]) == "")
    }

    @Test func emptyStringIsFalseAndZeroIsTrue() throws {
        #expect(try render("{{#text}}shown{{/text}}", ["text": ""]) == "")
        #expect(try render("{{#count}}{{.}}{{/count}}", ["count": 0]) == "0")
    }

    @Test func escapingCoversFiveCharacters() throws {
        #expect(try render("{{text}}", ["text": "<a href=\"x\">'&'</a>"])
            == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(try render("{{{text}}}|{{& text}}", ["text": "<b>"]) == "<b>|<b>")
    }

    @Test func numbersRenderWithoutTrailingZero() throws {
        let data: MustacheValue = ["values": [85, 1.5, -2.0, 0.1, 1e21]]
        #expect(try render("{{#values}}{{.}} {{/values}}", data) == "85 1.5 -2 0.1 1e+21 ")
    }

    @Test func listAndObjectInterpolateAsEmpty() throws {
        #expect(try render("[{{list}}][{{object}}]", ["list": [1, 2], "object": ["a": 1]]) == "[][]")
    }

    @Test func dottedNameStopsAtFirstMatch() throws {
        let data: MustacheValue = ["a": ["b": [:]], "b": ["c": "wrong"]]
        #expect(try render("{{#a}}[{{b.c}}]{{/a}}", data) == "[]")
    }

    @Test func standalonePartialIndentsEachLine() throws {
        let partials = ["list": "<ul>\n{{#items}}\n  <li>{{.}}</li>\n{{/items}}\n</ul>\n"]
        let output = try render("<nav>\n  {{> list}}\n</nav>\n", ["items": ["a", "b"]], partials: partials)
        #expect(output == "<nav>\n  <ul>\n    <li>a</li>\n    <li>b</li>\n  </ul>\n</nav>\n")
    }

    @Test func blockIsReindentedAtExpansionSite() throws {
        let page = "{{<layout}}\n  {{$body}}\n      <p>Hi</p>\n      <p>there</p>\n  {{/body}}\n{{/layout}}\n"
        let layout = "<main>\n    {{$body}}\n    <p>default</p>\n    {{/body}}\n</main>\n"
        let output = try render(page, partials: ["layout": layout])
        #expect(output == "<main>\n    <p>Hi</p>\n    <p>there</p>\n</main>\n")
    }

    @Test func blockDefaultRendersWithoutParent() throws {
        #expect(try render("<title>{{$title}}Home{{/title}}</title>") == "<title>Home</title>")
    }

    @Test func blockContainingItsOwnNameTerminates() throws {
        let source = "{{<layout}}{{$a}}x{{$a}}y{{/a}}{{/a}}{{/layout}}"
        #expect(try render(source, partials: ["layout": "[{{$a}}default{{/a}}]"]) == "[xy]")
    }

    @Test func parsedTemplateRendersWithPreparsedPartials() throws {
        let header = try MustacheTemplate(source: "<h1>{{title}}</h1>")
        let page = try MustacheTemplate(source: "{{>header}}{{>missing}}")
        var requested: [String] = []
        let output = try page.render(["title": "Home"]) { name in
            requested.append(name)
            return name == "header" ? header : nil
        }
        #expect(output == "<h1>Home</h1>")
        #expect(requested == ["header", "missing"])
    }

    // MARK: Errors

    @Test func unclosedSectionReportsLine() {
        #expect(throws: MustacheError.unclosedSection(name: "items", location: SourceLocation(line: 2, column: 3))) {
            try MustacheTemplate(source: "<ul>\n  {{#items}}\n  <li>{{.}}</li>\n</ul>\n")
        }
    }

    @Test func mismatchedClosingTagReportsBothSections() {
        let error = MustacheError.mismatchedClosingTag(
            expected: "b", opened: SourceLocation(line: 1, column: 7),
            found: "a", location: SourceLocation(line: 1, column: 13))
        #expect(throws: error) {
            try MustacheTemplate(source: "{{#a}}{{#b}}{{/a}}{{/b}}")
        }
        #expect(error.description == "1:13: closing tag \"a\" does not match section \"b\" opened at 1:7; close \"b\" first")
    }

    @Test func closingTagWithoutOpeningIsRejected() {
        #expect(throws: MustacheError.unexpectedClosingTag(name: "a", location: SourceLocation(line: 1, column: 3))) {
            try MustacheTemplate(source: "x {{/a}}")
        }
    }

    @Test func unclosedTagReportsColumnInCharacters() {
        #expect(throws: MustacheError.unclosedTag(closingDelimiter: "}}", location: SourceLocation(line: 2, column: 4))) {
            try MustacheTemplate(source: "first\néé {{name\n")
        }
    }

    @Test func invalidDelimitersAreRejected() {
        #expect(throws: MustacheError.invalidDelimiters(content: "{{=<% %> x=}}", location: SourceLocation(line: 1, column: 1))) {
            try MustacheTemplate(source: "{{=<% %> x=}}")
        }
        #expect(throws: MustacheError.invalidDelimiters(content: "{{=<%=}}", location: SourceLocation(line: 1, column: 1))) {
            try MustacheTemplate(source: "{{=<%=}}")
        }
        #expect(throws: MustacheError.invalidDelimiters(content: "{{=<% %>}}", location: SourceLocation(line: 1, column: 1))) {
            try MustacheTemplate(source: "{{=<% %>}}")
        }
    }

    @Test func invalidTagNamesAreRejected() {
        #expect(throws: MustacheError.invalidTagName(name: "", location: SourceLocation(line: 1, column: 1))) {
            try MustacheTemplate(source: "{{#}}{{/}}")
        }
        #expect(throws: MustacheError.invalidTagName(name: "first name", location: SourceLocation(line: 1, column: 4))) {
            try MustacheTemplate(source: "Hi {{first name}}")
        }
        #expect(throws: MustacheError.invalidTagName(name: "a..b", location: SourceLocation(line: 1, column: 1))) {
            try MustacheTemplate(source: "{{a..b}}")
        }
    }

    @Test func selfIncludingPartialHitsDepthLimit() throws {
        let template = try MustacheTemplate(source: "{{>loop}}")
        #expect(throws: MustacheError.partialDepthExceeded(name: "loop", limit: MustacheTemplate.maximumPartialDepth)) {
            try template.render([:], partials: ["loop": "x{{>loop}}"])
        }
    }

    @Test func partialParseErrorNamesPartial() throws {
        let template = try MustacheTemplate(source: "{{>footer}}")
        let error = MustacheError.invalidPartial(
            name: "footer", error: .unclosedSection(name: "links", location: SourceLocation(line: 1, column: 1)))
        #expect(throws: error) {
            try template.render([:], partials: ["footer": "{{#links}}"])
        }
        #expect(error.description == "in partial \"footer\": 1:1: section \"links\" is never closed; add a closing tag for \"links\"")
    }
}
