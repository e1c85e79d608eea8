import Testing
@testable import ParagraphCore

@Suite struct ConfigurationTests {
    func load(_ text: String) throws(ConfigurationError) -> SiteConfiguration {
        try ConfigurationLoader.parse(Array(text.utf8), path: "byok.yaml")
    }

    func diagnostics(_ text: String) -> [Diagnostic] {
        do {
            _ = try load(text)
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test func emptyFileGivesDefaults() throws {
        let configuration = try load("")
        #expect(configuration.defaults.model == .builtin)
        #expect(configuration.fill == Field.defaultFill)
        #expect(configuration.slugs == .file)
        #expect(configuration.outputFolder == "public")
    }

    @Test func fullSchemaParses() throws {
        let configuration = try load("""
            site: { title: Demo, base_url: https://example.com/, language: en }
            organization: acme
            keys: byok.keys
            content: content
            templates: templates
            static: static
            output: public
            exclude: ["drafts/**"]
            raw_html: false
            defaults:
              model: builtin
              seo: groq/llama-3.1-8b-instant
              hero: vision
              draft: openai/gpt-5-mini
            fallback: builtin
            fill: [description, seo.title, seo.keywords, slug, hero.alt, hero.caption]
            fields: { seo.keywords: keywords }
            slugs: title
            refresh: never
            aliases:
              fast: groq/llama-3.1-8b-instant
              vision: google/gemini-2.5-flash
            providers:
              openai: { models: [gpt-5-mini], max_concurrency: 8, requests_per_minute: 500 }
              anthropic: { max_concurrency: 4 }
              google: {}
              xai:
              groq: { requests_per_minute: 30, base_url: "http://127.0.0.1:8080/openai/v1" }
              deepseek: {}
            budget:
              max_usd_per_build: 2.00
              max_usd_per_month: 40
            """)
        #expect(configuration.site.baseURL == "https://example.com")
        #expect(configuration.organization == "acme")
        #expect(configuration.defaults.seo == .model(.groq, "llama-3.1-8b-instant"))
        #expect(configuration.defaults.hero == .model(.google, "gemini-2.5-flash"))
        #expect(configuration.path(for: .seoKeywords) == "keywords")
        #expect(configuration.path(for: .description) == "description")
        #expect(configuration.slugs == .title)
        #expect(configuration.refresh == .never)
        #expect(configuration.providers[.openai]?.maxConcurrency == 8)
        #expect(configuration.providers[.xai] != nil)
        #expect(configuration.budget.maxUSDPerBuild == 2.0)
        #expect(configuration.exclude.first?.matches("drafts/a/b.md") == true)
    }

    @Test func unknownKeyIsReportedWithLineAndSuggestion() {
        let found = diagnostics("site: { title: A }\nfallbak: builtin\n")
        #expect(found.count == 1)
        #expect(found.first?.location == SourceLocation(line: 2, column: 1))
        #expect(found.first?.message.contains("did you mean \"fallback\"") == true)
    }

    @Test func badValuesAreAllReported() {
        let found = diagnostics("""
            fallback: maybe
            slugs: slug
            raw_html: yes
            fill: [description, summary]
            providers:
              openai: { max_concurrency: 0 }
              mistral: {}
            budget: { max_usd_per_build: -1 }
            site: { base_url: example.com, language: english }
            """)
        let lines = found.compactMap { $0.location?.line }
        #expect(lines.contains(1))
        #expect(lines.contains(2))
        #expect(lines.contains(3))
        #expect(lines.contains(4))
        #expect(lines.contains(6))
        #expect(lines.contains(7))
        #expect(lines.contains(8))
        #expect(found.filter { $0.location?.line == 9 }.count == 2)
    }

    @Test func unknownProviderInDefaultsNamesTheChoices() {
        let found = diagnostics("defaults: { model: mistral/large }\n")
        #expect(found.first?.message.contains("unknown provider \"mistral\"") == true)
        #expect(found.first?.location == SourceLocation(line: 1, column: 20))
    }

    @Test func unknownAliasInDefaultsIsAnError() {
        let found = diagnostics("defaults: { seo: speedy }\n")
        #expect(found.first?.message.contains("unknown alias \"speedy\"") == true)
    }

    @Test func aliasToAliasIsAnError() {
        let found = diagnostics("aliases: { a: openai/gpt-5-mini, b: a }\n")
        #expect(found.count == 1)
    }

    @Test func foldersOutsideTheSiteAreRejected() {
        #expect(diagnostics("output: ../public\n").first?.message.contains("outside the site") == true)
        #expect(diagnostics("content: /etc\n").count == 1)
        #expect(diagnostics("output: .\n").count == 1)
        #expect(diagnostics("output: build/../public\n").isEmpty)
    }

    @Test func duplicateKeyInConfigurationIsReported() {
        let found = diagnostics("slugs: file\nslugs: title\n")
        #expect(found.first?.message.contains("duplicate key") == true)
        #expect(found.first?.location == SourceLocation(line: 2, column: 1))
    }

    @Test func fieldPathsMustBeUnique() {
        let found = diagnostics("fields: { seo.keywords: keywords, description: keywords }\n")
        #expect(found.count == 1)
    }
}

@Suite struct ConfigurationPathTests {
    func diagnostics(_ text: String) -> [Diagnostic] {
        do {
            _ = try ConfigurationLoader.parse(Array(text.utf8), path: "byok.yaml")
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test func overlappingFieldPathsAreRejected() {
        #expect(diagnostics("fields: { description: seo }\n").count == 2)
        #expect(diagnostics("fields: { description: seo.title }\n").count == 1)
        #expect(diagnostics("fields: { seo.keywords: keywords }\n").isEmpty)
    }

    @Test func baseURLWithCredentialIsNotEchoed() {
        let found = diagnostics("providers:\n  openai: { base_url: \"https://user:sk-test-abc@evil.example\" }\n")
        #expect(found.count == 1)
        #expect(found.first?.message.contains("sk-test-abc") == false)
    }
}
