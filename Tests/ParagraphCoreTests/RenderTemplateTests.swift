import Foundation
import Testing
@testable import ParagraphCore

/// The Mustache features a theme uses, rendered through a site's templates folder as a build renders them.
@Suite struct RenderTemplateTests {
    /// Builds a one-page site whose page template is `template`, with `partials` beside it.
    private func renderPage(
        _ template: String, partials: [String: String] = [:], frontMatter: String = "title: A page\ndescription: About it.",
        extraFiles: [String: String] = [:]
    ) async throws -> String {
        var files = [
            "byok.yaml": "site: { title: Site & Co, base_url: https://example.com }\n",
            "content/_index.md": "---\ntitle: Home\n---\nHome.\n",
            "content/a.md": "---\n\(frontMatter)\n---\nBody *text*.\n",
            "templates/page.mustache": template,
        ]
        for (name, text) in partials { files["templates/\(name).mustache"] = text }
        files.merge(extraFiles) { $1 }
        let site = try TestSite(files)
        let result = await site.run(["build"])
        #expect(result.code == 0, "\(result.errors)")
        return site.read("public/a/index.html") ?? ""
    }

    @Test func variablesEscapeFiveCharacters() async throws {
        let output = try await renderPage(
            "{{page.title}}|{{{page.title}}}|{{& page.title}}", frontMatter: #"title: 'A & B "quoted" <b>it''s</b>'"#)
        #expect(output == #"A &amp; B &quot;quoted&quot; &lt;b&gt;it&#39;s&lt;/b&gt;|A & B "quoted" <b>it's</b>|A & B "quoted" <b>it's</b>"#)
    }

    @Test func dottedNamesAndMissingNames() async throws {
        #expect(try await renderPage("{{site.title}}/{{page.missing}}/{{missing.name}}") == "Site &amp; Co//")
    }

    @Test func sectionsOverBooleansObjectsAndLists() async throws {
        let output = try await renderPage(
            "{{#page.show_title}}shown{{/page.show_title}}|{{#page.hero}}hero{{/page.hero}}|{{#site.sections}}x{{/site.sections}}",
            frontMatter: "title: A\ndescription: D.")
        #expect(output == "shown||")
    }

    @Test func invertedSectionRendersForMissingValue() async throws {
        #expect(try await renderPage("{{^page.hero}}no hero{{/page.hero}}{{^page.title}}no title{{/page.title}}") == "no hero")
    }

    @Test func implicitIteratorOverText() async throws {
        let output = try await renderPage(
            "{{#page.keywords}}[{{.}}]{{/page.keywords}}", frontMatter: "title: A\nseo:\n  keywords: [one, two]")
        #expect(output == "[one, two]")
    }

    @Test func sectionOverListRepeatsPerItem() async throws {
        let output = try await renderPage(
            "{{#site.sections}}<{{title}}:{{url}}>{{/site.sections}}",
            extraFiles: ["content/b/_index.md": "---\ntitle: B\n---\n", "content/c/_index.md": "---\ntitle: C\n---\n"])
        #expect(output == "<B:/b/><C:/c/>")
    }

    @Test func commentsAndStandaloneLinesLeaveNoTrace() async throws {
        let output = try await renderPage("a\n{{! a comment }}\n  {{#page.title}}\nb\n  {{/page.title}}\nc\n")
        #expect(output == "a\nb\nc\n")
    }

    @Test func partialsAreIndentedAtTheirTag() async throws {
        let output = try await renderPage("<ul>\n  {{> item}}\n</ul>\n", partials: ["item": "<li>{{page.title}}</li>\n<li>two</li>\n"])
        #expect(output == "<ul>\n  <li>A page</li>\n  <li>two</li>\n</ul>\n")
    }

    @Test func setDelimitersChangeTagSyntax() async throws {
        #expect(try await renderPage("{{=<% %>=}}<% page.title %> {{page.title}}") == "A page {{page.title}}")
    }

    @Test func parentTemplateBlocksAreReplaced() async throws {
        let output = try await renderPage(
            "{{<layout}}{{$main}}<p>{{page.title}}</p>{{/main}}{{/layout}}",
            partials: ["layout": "<main>{{$main}}default{{/main}}</main><footer>{{$footer}}footer{{/footer}}</footer>"])
        #expect(output == "<main><p>A page</p></main><footer>footer</footer>")
    }

    @Test func renderedContentIsInsertedRaw() async throws {
        #expect(try await renderPage("{{{page.content}}}") == "<p>Body <em>text</em>.</p>\n")
    }
}
