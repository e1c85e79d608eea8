import Foundation
import Testing
@testable import ParagraphCore

@Suite struct RenderMarkdownTests {
    private func html(_ markdown: String, rawHTML: Bool = false) throws -> String {
        try PageBodyRenderer.html(for: markdown, rawHTML: rawHTML)
    }

    @Test func tableAlignmentUsesStyleAttributes() throws {
        let output = try html("| a | b | c |\n| :-- | :-: | --: |\n| 1 | 2 | 3 |\n")
        #expect(output.contains("<th style=\"text-align: left\">a</th>"))
        #expect(output.contains("<td style=\"text-align: center\">2</td>"))
        #expect(output.contains("<td style=\"text-align: right\">3</td>"))
        #expect(!output.contains(" align="))
    }

    @Test func barePercentInLinkTargetIsEscaped() throws {
        let output = try html("[sale](/offers/50%/) and [encoded](/a%20b/) and ![chart](/img/100%.png)\n")
        #expect(output.contains("href=\"/offers/50%25/\""))
        #expect(output.contains("href=\"/a%20b/\""))
        #expect(output.contains("src=\"/img/100%25.png\""))
    }

    @Test func percentLeftBySourceShortcodeIsEscaped() throws {
        // After the shortcode is removed the destination ends in a bare `%`.
        let output = try html("[docs](/docs/{{% param \"version\" %}}%)\n")
        #expect(output.contains("href=\"/docs/%25\""), "\(output)")
    }

    @Test func headingsGetUniqueIDs() throws {
        let output = try html("## Getting started\n\n## Getting started\n\n### Über `code` & more!\n")
        #expect(output.contains("<h2 id=\"getting-started\">Getting started</h2>"))
        #expect(output.contains("<h2 id=\"getting-started-1\">"))
        #expect(output.contains("<h3 id=\"über-code--more\">"))
    }

    @Test func headingIDsAvoidFootnoteIDs() throws {
        let output = try html("Text[^1].\n\n## fn-1\n\n[^1]: The note.\n")
        #expect(output.contains("id=\"fn-1\""))
        #expect(output.contains("<h2 id=\"fn-1-1\">"))
    }

    @Test func emptyBodyRendersNothing() throws {
        #expect(try html("") == "")
        #expect(try html("\n") == "")
    }

    @Test func headingIDsAvoidRawHTMLIDs() throws {
        let output = try html("<div id=\"intro\">x</div>\n\n# Intro\n", rawHTML: true)
        #expect(output.contains("<h1 id=\"intro-1\">Intro</h1>"), "\(output)")
    }

    @Test func githubAlertBecomesTitledQuote() throws {
        let output = try html("> [!NOTE]\n> Hugo does *not* sanitize.\n\n> [!warning]\n>\n> Careful.\n")
        #expect(output.contains("<blockquote class=\"alert alert-note\">\n<p class=\"alert-title\">Note</p>\n<p>Hugo does <em>not</em> sanitize.</p>\n</blockquote>"), "\(output)")
        #expect(output.contains("<blockquote class=\"alert alert-warning\">\n<p class=\"alert-title\">Warning</p>\n<p>Careful.</p>\n</blockquote>"), "\(output)")
    }

    @Test func quoteWithoutAlertMarkerIsUnchanged() throws {
        #expect(try html("> [!TIP] on the same line\n").contains("<blockquote>\n<p>[!TIP] on the same line</p>"))
        #expect(try html("> [!UNKNOWN]\n> text\n").contains("<blockquote>\n<p>[!UNKNOWN]\ntext</p>"))
    }

    @Test func rawHTMLIsOmittedUnlessEnabled() throws {
        #expect(try html("<div class=\"x\">hi</div>\n").contains("<!-- raw HTML omitted -->"))
        #expect(try html("<div class=\"x\">hi</div>\n", rawHTML: true).contains("<div class=\"x\">hi</div>"))
        #expect(!(try html("[x](javascript:alert(1))\n")).contains("javascript:"))
    }
}

@Suite struct RenderShortcodeTests {
    @Test func bodyWithoutShortcodesIsUnchanged() {
        let body = "Text with {{ go template }} and {{ .Title }}.\n"
        #expect(ShortcodeRewriter.rewrite(body) == body)
    }

    @Test func pairedShortcodeKeepsItsMarkdown() {
        #expect(ShortcodeRewriter.rewrite("{{< note >}}\n**Bold** text.\n{{< /note >}}\n") == "\n**Bold** text.\n\n")
        #expect(ShortcodeRewriter.rewrite("{{% details summary=\"More\" %}}\nInside.\n{{% /details %}}\n") == "\nInside.\n\n")
    }

    @Test func singleShortcodeIsRemoved() {
        #expect(ShortcodeRewriter.rewrite("Before {{< new-in 0.120.0 />}} after.\n") == "Before  after.\n")
        #expect(ShortcodeRewriter.rewrite("{{% include \"/_common/a.md\" %}}\n") == "\n")
    }

    @Test func escapedShortcodeIsPrintedAsText() {
        #expect(ShortcodeRewriter.rewrite("`{{</* figure src=\"a.png\" */>}}`\n") == "`{{< figure src=\"a.png\" >}}`\n")
        #expect(ShortcodeRewriter.rewrite("{{%/* param x */%}}\n") == "{{% param x %}}\n")
    }

    @Test func highlightBecomesFencedCode() {
        let body = "{{< highlight go \"linenos=table\" >}}\nfunc main() {}\n{{< /highlight >}}\n"
        #expect(ShortcodeRewriter.rewrite(body) == "```go\nfunc main() {}\n```\n")
    }

    @Test func codeToggleInListKeepsIndentation() throws {
        let body = "1. Step\n\n   {{< code-toggle file=hugo >}}\n   baseURL = 'x'\n   {{< /code-toggle >}}\n"
        #expect(ShortcodeRewriter.rewrite(body) == "1. Step\n\n   ```\n   baseURL = 'x'\n   ```\n")
        let output = try PageBodyRenderer.html(for: body, rawHTML: false)
        #expect(output.contains("<li>\n<p>Step</p>\n<pre><code>baseURL = 'x'\n</code></pre>\n</li>"), "\(output)")
    }

    @Test func codeContainingFencesGetsLongerFence() {
        let body = "{{< code-toggle >}}\n```\ninner\n```\n{{< /code-toggle >}}\n"
        #expect(ShortcodeRewriter.rewrite(body) == "````\n```\ninner\n```\n````\n")
    }

    @Test func escapedShortcodeInsideCodeStaysEscapedForm() {
        let body = "{{< highlight md >}}\n{{</* note */>}}\n{{< /highlight >}}\n"
        #expect(ShortcodeRewriter.rewrite(body) == "```md\n{{< note >}}\n```\n")
    }

    @Test func inlineHighlightBecomesCodeSpan() {
        #expect(ShortcodeRewriter.rewrite("Run {{< highlight sh >}}hugo `x`{{< /highlight >}} now.\n") == "Run `` hugo `x` `` now.\n")
    }

    @Test func unclosedShortcodeStaysText() {
        #expect(ShortcodeRewriter.rewrite("Odd {{< not closed\n\nNext paragraph >}}.\n") == "Odd {{< not closed\n\nNext paragraph >}}.\n")
        #expect(ShortcodeRewriter.rewrite("100 {{% of them\n") == "100 {{% of them\n")
    }
}

@Suite struct RenderScriptJSONTests {
    @Test func scriptClosingTagCannotEndTheBlock() throws {
        let description = "Ends </script><script>alert(\"x\")</script> & <!-- more \u{2028}"
        let json = ScriptJSON.serialize(.object([("description", .string(description))]))
        #expect(!json.contains("<"))
        #expect(!json.contains(">"))
        #expect(!json.contains("&"))
        #expect(!json.unicodeScalars.contains("\u{2028}"))
        #expect(json.contains("\\u003c/script\\u003e"))
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String]
        #expect(decoded?["description"] == description)
    }
}
