import Foundation
import Testing
@testable import ParagraphCore

/// `paragraph draft` and `paragraph rewrite` against the loopback provider mocks.
@Suite struct ArticleCommandTests {
    struct Fixture {
        let site: VaultTestSite
        let openAI: MockProviderAPI
        let groq: MockProviderAPI
    }

    func makeFixture(pages: [String: String] = [:]) async throws -> Fixture {
        let site = try VaultTestSite()
        #expect(await site.run(["vault", "init"]).code == 0)
        let openAI = try MockProviderAPI(.openai)
        let groq = try MockProviderAPI(.groq)
        try site.site.write("byok.yaml", """
            organization: acme
            aliases:
              fast: groq/llama-3.1-8b-instant
            providers:
              openai: { base_url: "\(openAI.baseURL)" }
              groq: { base_url: "\(groq.baseURL)" }
            """)
        for (path, text) in pages { try site.site.write(path, text) }
        #expect(await site.run(["keys", "set", "openai", "--endpoint", openAI.server.baseURL], input: openAI.key + "\n").code == 0)
        #expect(await site.run(["keys", "set", "groq", "--endpoint", groq.server.baseURL], input: groq.key + "\n").code == 0)
        return Fixture(site: site, openAI: openAI, groq: groq)
    }

    /// A Responses API reply with a web search call and three citations, two of them of one page.
    static func draftReply(description: String) -> MockReply {
        let answer: JSONValue = .object([
            ("title", .string("Static sites in 2026")),
            ("description", .string(description)),
            ("body", .string("Static sites are fast ([source](https://example.com/a)).\n\nSee [B](https://example.org/b).\n")),
        ])
        func citation(_ url: String, _ title: String) -> JSONValue {
            .object([("type", .string("url_citation")), ("url", .string(url)), ("title", .string(title)),
                     ("start_index", .number("0")), ("end_index", .number("5"))])
        }
        let body: JSONValue = .object([
            ("id", .string("resp_1")), ("object", .string("response")), ("model", .string("gpt-5-mini")), ("status", .string("completed")),
            ("output", .array([
                .object([("type", .string("web_search_call")), ("id", .string("ws_1")), ("status", .string("completed")),
                         ("action", .object([("type", .string("search")), ("query", .string("static sites 2026"))]))]),
                .object([
                    ("type", .string("message")), ("id", .string("msg_1")), ("role", .string("assistant")), ("status", .string("completed")),
                    ("content", .array([.object([
                        ("type", .string("output_text")), ("text", .string(answer.serialized())),
                        ("annotations", .array([
                            citation("https://example.com/a?utm_source=chatgpt.com", "Source A"),
                            citation("https://example.org/b", "Source B"),
                            citation("https://example.com/a?utm_source=chatgpt.com", "Source A"),
                        ])),
                    ])])),
                ]),
            ])),
            ("usage", .object([("input_tokens", .number("1200")), ("output_tokens", .number("800")),
                               ("output_tokens_details", .object([("reasoning_tokens", .number("300"))]))])),
        ])
        return .json(body.serialized())
    }

    @Test func draftWritesPageWithSourcesOnce() async throws {
        let fixture = try await makeFixture()
        fixture.openAI.enqueue(Self.draftReply(description: String(repeating: "A long description of static sites. ", count: 10)))
        let result = await fixture.site.run(["draft", "--brief", "Static sites in 2026", "--out", "content/blog/static.md"])
        #expect(result.code == 0, "\(result.errors)")

        let request = try #require(fixture.openAI.completionRequests.first)
        #expect(request.path.hasSuffix("/responses"))
        let sent = try fixture.openAI.lastBody()
        #expect(sent["tools"]?.arrayValue?.first?["type"]?.stringValue?.hasPrefix("web_search") == true)

        let text = try #require(fixture.site.site.read("content/blog/static.md"))
        let page = try FrontMatter.parse(Array(text.utf8))
        let urls = page.fields["sources"]?.sequence?.compactMap { $0["url"]?.string }
        #expect(urls == ["https://example.com/a", "https://example.org/b"])
        #expect((page.fields["description"]?.string?.count ?? 999) <= 155)
        #expect(page.fields["generated_by"]?["model"]?.string == "openai/gpt-5-mini")
        #expect(page.fields["model"] == nil)
        #expect(page.fields["draft"]?.scalar?.value == .bool(true))
        #expect(page.body.contains("[source](https://example.com/a)"))
        #expect(!result.output.contains(fixture.openAI.key))
    }

    @Test(arguments: ["anthropic/claude-haiku-4-5", "google/gemini-2.5-flash", "xai/grok-4", "groq/llama-3.1-8b-instant",
                      "deepseek/deepseek-chat", "fast", "builtin", "openai/gpt-4.1-nano"])
    func draftRejectsModelsWithoutWebSearch(_ model: String) async throws {
        let fixture = try await makeFixture()
        let result = await fixture.site.run(["draft", "--brief", "Anything", "--model", model])
        #expect(result.code == 2)
        #expect(result.errors.contains("only through OpenAI's Responses API"))
        #expect(fixture.openAI.server.requests.isEmpty)
        #expect(fixture.groq.server.requests.isEmpty)
    }

    @Test func draftNeverOverwritesWithoutForce() async throws {
        let fixture = try await makeFixture(pages: ["content/existing.md": "mine"])
        let result = await fixture.site.run(["draft", "--brief", "Anything", "--out", "content/existing.md"])
        #expect(result.code == 2)
        #expect(fixture.site.site.read("content/existing.md") == "mine")
        #expect(fixture.openAI.server.requests.isEmpty)
    }

    @Test func draftWithoutCitationsWarns() async throws {
        let fixture = try await makeFixture()
        fixture.openAI.answer = .object([("title", .string("T")), ("description", .string("D")), ("body", .string("Text."))])
        let plain = MockProviderBodies.responsesSuccess(answer: fixture.openAI.answer, model: "gpt-5-mini").serialized()
            .replacingOccurrences(of: "\"url_citation\"", with: "\"file_citation\"")
        fixture.openAI.enqueue(.json(plain))
        let result = await fixture.site.run(["draft", "--brief", "Plain", "--out", "content/plain.md"])
        #expect(result.code == 0, "\(result.errors)")
        #expect(result.errors.contains("cited no web page"))
        #expect(fixture.site.site.read("content/plain.md")?.contains("sources:") == false)
    }

    static let page = "---\r\ntitle: Guide   # kept\r\nmodel: fast\r\n---\r\nIntro text that is long.\r\n\r\n```sh\r\nparagraph build\r\n```\r\n\r\n{{< note >}}Careful{{< /note >}}\r\n\r\nRead [the docs](https://example.com/docs).\r\n"

    static func rewrittenBody(code: String = "paragraph build", shortcode: String = "{{< note >}}", link: String = "https://example.com/docs") -> String {
        "Short intro.\n\n```sh\n\(code)\n```\n\n\(shortcode)Careful{{< /note >}}\n\nRead [the docs](\(link)).\n"
    }

    @Test func rewriteShowsDiffAndWritesBodyOnly() async throws {
        let fixture = try await makeFixture(pages: ["content/guide.md": Self.page])
        fixture.groq.answer = .object([("body", .string(Self.rewrittenBody()))])
        let preview = await fixture.site.run(["rewrite", "content/guide.md", "--instruction", "shorter"])
        #expect(preview.code == 0, "\(preview.errors)")
        #expect(preview.output.contains("-Intro text that is long.\r\n"))
        #expect(preview.output.contains("+Short intro.\r\n"))
        #expect(fixture.site.site.read("content/guide.md") == Self.page)
        #expect(fixture.groq.completionRequests.first?.headers["authorization"] == "Bearer \(fixture.groq.key)")

        let written = await fixture.site.run(["rewrite", "content/guide.md", "--instruction", "shorter", "--write"])
        #expect(written.code == 0, "\(written.errors)")
        let text = try #require(fixture.site.site.read("content/guide.md"))
        #expect(text.hasPrefix("---\r\ntitle: Guide   # kept\r\nmodel: fast\r\n---\r\nShort intro.\r\n"))
    }

    @Test(arguments: [
        ("dropped code block", rewrittenBody(code: "paragraph build --fast")),
        ("changed shortcode", rewrittenBody(shortcode: "{{< warning >}}")),
        ("changed link target", rewrittenBody(link: "https://evil.example/docs")),
    ])
    func rewriteRefusesChangedProtectedParts(_ name: String, _ body: String) async throws {
        let fixture = try await makeFixture(pages: ["content/guide.md": Self.page])
        fixture.groq.answer = .object([("body", .string(body))])
        let result = await fixture.site.run(["rewrite", "content/guide.md", "--instruction", "shorter", "--write"])
        #expect(result.code == 1, "\(name)")
        #expect(result.errors.contains("must stay as written"), "\(name)")
        #expect(fixture.site.site.read("content/guide.md") == Self.page, "\(name)")
    }

    @Test func draftOutThroughLinkedFolderIsRejected() async throws {
        let fixture = try await makeFixture()
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("paragraph-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createDirectory(at: fixture.site.root.appendingPathComponent("content"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: fixture.site.root.appendingPathComponent("content/linked").path, withDestinationPath: outside.path)
        let result = await fixture.site.run(["draft", "--brief", "x", "--out", "content/linked/README.md", "--force"])
        #expect(result.code == 2)
        #expect(result.errors.contains("symbolic link"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
        #expect(fixture.openAI.server.requests.isEmpty)
    }

    @Test func rewriteCannotAddFrontMatter() async throws {
        let original = "Just one line of text.\n"
        let fixture = try await makeFixture(pages: ["content/plain.md": original])
        fixture.groq.answer = .object([("body", .string("---\ndraft: false\nexpiryDate: 2000-01-01\n---\nShort.\n"))])
        let result = await fixture.site.run(["rewrite", "content/plain.md", "--instruction", "x", "--model", "fast", "--write"])
        #expect(result.code == 1)
        #expect(result.errors.contains("starts like front matter"))
        #expect(fixture.site.site.read("content/plain.md") == original)
    }

    @Test func budgetStopsDraftAndRewriteBeforeSending() async throws {
        let fixture = try await makeFixture(pages: ["content/guide.md": Self.page])
        let configuration = try #require(fixture.site.site.read("byok.yaml"))
        try fixture.site.site.write("byok.yaml", configuration + "\nbudget: { max_usd_per_build: 0.0001 }\n")
        let draft = await fixture.site.run(["draft", "--brief", "Anything", "--out", "content/new.md"])
        #expect(draft.code == 1)
        #expect(draft.errors.contains("budget.max_usd_per_build"))
        let rewrite = await fixture.site.run(["rewrite", "content/guide.md", "--instruction", "shorter"])
        #expect(rewrite.code == 1)
        #expect(fixture.openAI.completionRequests.isEmpty)
        #expect(fixture.groq.completionRequests.isEmpty)
    }

    @Test func rewriteWithBuiltinIsUsageError() async throws {
        let fixture = try await makeFixture(pages: ["content/guide.md": "---\ntitle: G\n---\nText.\n"])
        let result = await fixture.site.run(["rewrite", "content/guide.md", "--instruction", "x", "--model", "builtin"])
        #expect(result.code == 2)
    }
}

@Suite struct RewriteGuardTests {
    @Test func elementsCountCodeShortcodesHTMLAndLinks() {
        let body = "Text [a](https://a.example) ![i](img.png)\n\n```\ncode\n```\n\n    indented\n\n<div>\nx\n</div>\n\n{{% tip %}}t{{% /tip %}}\n"
        let elements = RewriteGuard.elements(of: body)
        #expect(elements[RewriteGuard.Element(kind: .linkTarget, text: "https://a.example")] == 1)
        #expect(elements[RewriteGuard.Element(kind: .linkTarget, text: "img.png")] == 1)
        #expect(elements[RewriteGuard.Element(kind: .codeBlock, text: "code\n")] == 1)
        #expect(elements[RewriteGuard.Element(kind: .codeBlock, text: "indented\n")] == 1)
        #expect(elements[RewriteGuard.Element(kind: .shortcode, text: "{{% tip %}}")] == 1)
        #expect(elements[RewriteGuard.Element(kind: .htmlBlock, text: "<div>\nx\n</div>")] == 1)
    }

    @Test func duplicateRemovedOnceIsReported() {
        let old = "[a](x) and [b](x)\n"
        #expect(RewriteGuard.violations(old: old, new: "[a](x)\n").count == 1)
        #expect(RewriteGuard.violations(old: old, new: "[a](x), [b](x) and [c](y)\n").isEmpty)
    }
}
