import Foundation
import Testing
@testable import ParagraphCore

private typealias Support = ProviderTestSupport

@Suite struct ProviderXAITests {
    @Test func structuredRequestDecodes() async throws {
        let api = try MockProviderAPI(.xai)
        let response = try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "grok-4-1-fast-reasoning"))

        #expect(response.json == api.answer)
        // completion_tokens leaves out the 228 reasoning tokens, which are billed as output.
        #expect(response.usage == TokenUsage(inputTokens: 12, cachedInputTokens: 2, outputTokens: 229, reasoningTokens: 228))
        Support.expectCost(response.costUSD, (10 * 0.20 + 2 * 0.05 + 229 * 0.50) / 1_000_000)
    }

    @Test func costMatchesXAIReportedCost() async throws {
        // The recorded grok-3-mini response reports its own cost as 1,176,500 ticks of 1e-10 USD.
        let api = try MockProviderAPI(.xai)
        let response = try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "grok-3-mini"))
        Support.expectCost(response.costUSD, 1_176_500 / 1e10)
    }

    @Test func requestHasDocumentedShape() async throws {
        let api = try MockProviderAPI(.xai)
        _ = try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "grok-4-1-fast-reasoning", image: Support.png))

        let request = try #require(api.completionRequests.first)
        #expect(request.path == "/v1/chat/completions")
        #expect(request.headers["authorization"] == "Bearer \(api.key)")
        let body = try api.lastBody()
        #expect(body["max_completion_tokens"] == .integer(256))
        #expect(body["messages"]?.arrayValue?.first?["role"] == .string("system"))
        #expect(body["response_format"]?["json_schema"]?["strict"] == .bool(true))
        let content = try #require(body["messages"]?.arrayValue?[1]["content"]?.arrayValue)
        #expect(content[1]["image_url"]?["url"]?.stringValue?.hasPrefix("data:image/png;base64,") == true)
    }

    @Test func jsonModeModelGetsSchemaInPrompt() async throws {
        let api = try MockProviderAPI(.xai)
        _ = try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "grok-3-mini"))

        let body = try api.lastBody()
        #expect(body["response_format"] == .object([("type", .string("json_object"))]))
        let system = try #require(body["messages"]?.arrayValue?.first?["content"]?.stringValue)
        #expect(system.hasPrefix("You write SEO metadata.\n\n"))
        #expect(system.contains(Support.seoSchema.serialized()))
        #expect(system.contains(#"{"title":"Example title","description":"Example description."}"#))
    }

    @Test func webpLeftOut() async throws {
        let api = try MockProviderAPI(.xai)
        let response = try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "grok-4-1-fast-reasoning", image: Support.webp))
        #expect(!response.imageSent)
    }

    @Test func listModelsReturnsIDs() async throws {
        let api = try MockProviderAPI(.xai)
        api.models = ["grok-4-1-fast-reasoning"]
        #expect(try await api.adapter(client: try HTTPClient()).listModels() == ["grok-4-1-fast-reasoning"])
        #expect(api.server.requests.first?.path == "/v1/models")
    }
}

@Suite struct ProviderGroqTests {
    @Test func structuredRequestDecodes() async throws {
        let api = try MockProviderAPI(.groq)
        let response = try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "openai/gpt-oss-120b"))

        #expect(response.json == api.answer)
        #expect(response.usage == TokenUsage(inputTokens: 178, outputTokens: 94))
        Support.expectCost(response.costUSD, (178 * 0.15 + 94 * 0.60) / 1_000_000)
    }

    @Test func requestHasDocumentedShape() async throws {
        let api = try MockProviderAPI(.groq)
        _ = try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "openai/gpt-oss-120b"))

        let request = try #require(api.completionRequests.first)
        #expect(request.path == "/openai/v1/chat/completions")
        #expect(request.headers["authorization"] == "Bearer \(api.key)")
        let body = try api.lastBody()
        #expect(body["model"] == .string("openai/gpt-oss-120b"))
        #expect(body["max_completion_tokens"] == .integer(256))
        #expect(body["response_format"]?["type"] == .string("json_schema"))
        #expect(body["response_format"]?["json_schema"]?["strict"] == .bool(true))
    }

    @Test func structuredModesFollowModel() async throws {
        let cases: [(model: String, type: String, strict: Bool?, schemaInPrompt: Bool)] = [
            ("openai/gpt-oss-20b", "json_schema", true, false),
            ("meta-llama/llama-4-scout-17b-16e-instruct", "json_schema", false, false),
            ("llama-3.1-8b-instant", "json_object", nil, true),
            ("some-new-model", "json_object", nil, true),
        ]
        for (model, type, strict, schemaInPrompt) in cases {
            let api = try MockProviderAPI(.groq)
            _ = try await api.adapter(client: try HTTPClient()).complete(Support.request(model: model))
            let body = try api.lastBody()
            #expect(body["response_format"]?["type"] == .string(type), "\(model)")
            #expect(body["response_format"]?["json_schema"]?["strict"] == strict.map(JSONValue.bool), "\(model)")
            let system = body["messages"]?.arrayValue?.first?["content"]?.stringValue ?? ""
            #expect(system.contains(Support.seoSchema.serialized()) == schemaInPrompt, "\(model)")
        }
    }

    @Test func visionModelGetsImage() async throws {
        let api = try MockProviderAPI(.groq)
        let response = try await api.adapter(client: try HTTPClient())
            .complete(Support.request(model: "meta-llama/llama-4-scout-17b-16e-instruct", image: Support.jpeg))
        #expect(response.imageSent)

        let oversized = Support.jpeg + Data(count: ImagePolicy.groq.maxBytes)
        let second = try MockProviderAPI(.groq)
        let leftOut = try await second.adapter(client: try HTTPClient())
            .complete(Support.request(model: "meta-llama/llama-4-scout-17b-16e-instruct", image: oversized))
        #expect(!leftOut.imageSent)
    }

    @Test func jsonValidateFailedIsMalformed() async throws {
        let api = try MockProviderAPI(.groq)
        api.enqueue(.json(#"{"error":{"message":"Failed to generate JSON. Please adjust your prompt.","type":"invalid_request_error","code":"json_validate_failed","failed_generation":"{\"title\": "}}"#, status: 400))
        let error = await Support.providerError { try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "llama-3.1-8b-instant")) }

        #expect(error == .malformedResponse(.groq, problem: "Groq could not validate the model's JSON answer", excerpt: "{\"title\":"))
    }
}

@Suite struct ProviderDeepSeekTests {
    @Test func structuredRequestDecodes() async throws {
        let api = try MockProviderAPI(.deepseek)
        let response = try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "deepseek-v4-flash"))

        #expect(response.json == api.answer)
        #expect(response.usage == TokenUsage(inputTokens: 495, cachedInputTokens: 320, outputTokens: 144, reasoningTokens: 118))
        Support.expectCost(response.costUSD, (175 * 0.14 + 320 * 0.028 + 144 * 0.28) / 1_000_000)
    }

    @Test func requestHasDocumentedShape() async throws {
        let api = try MockProviderAPI(.deepseek)
        _ = try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "deepseek-v4-flash", image: Support.png))

        let request = try #require(api.completionRequests.first)
        #expect(request.path == "/chat/completions")
        #expect(request.headers["authorization"] == "Bearer \(api.key)")
        let body = try api.lastBody()
        #expect(body["max_tokens"] == .integer(256))
        #expect(body["max_completion_tokens"] == nil)
        #expect(body["response_format"] == .object([("type", .string("json_object"))]))
        let messages = try #require(body["messages"]?.arrayValue)
        #expect(messages[0]["content"]?.stringValue?.contains("JSON Schema") == true)
        // No image input is documented, so the user message stays text.
        #expect(messages[1]["content"] == .string("Page text about usage-based pricing."))
    }

    @Test func blankLinesBeforeBodySkipped() async throws {
        let api = try MockProviderAPI(.deepseek)
        let body = "\n\n\n\n" + MockProviderBodies.deepSeekChat(text: api.answer.serialized(), model: "deepseek-v4-flash").serialized()
        api.enqueue(MockReply(status: 200, headers: [("Content-Type", "application/json")], body: Data(body.utf8)))
        let response = try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "deepseek-v4-flash"))

        #expect(response.json == api.answer)
    }

    @Test func emptyContentRetried() async throws {
        let api = try MockProviderAPI(.deepseek)
        api.enqueue(.json(MockProviderBodies.deepSeekChat(text: "", model: "deepseek-v4-flash").serialized()))
        let clock = FakeClock()
        let response = try await api.adapter(client: try HTTPClient())
            .complete(Support.request(model: "deepseek-v4-flash"), retrying: Support.retryDriver(clock))

        #expect(response.json == api.answer)
        #expect(api.completionRequests.count == 2)
        #expect(clock.recordedSleeps == [Support.firstBackoff])
    }

    @Test func emptyContentAtLengthIsTruncated() async throws {
        let api = try MockProviderAPI(.deepseek)
        api.enqueue(.json(MockProviderBodies.deepSeekChat(text: "", model: "deepseek-v4-flash", finishReason: "length").serialized()))
        let error = await Support.providerError { try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "deepseek-v4-flash")) }
        #expect(error == .truncated(.deepseek, maxOutputTokens: 256))
    }

    @Test func insufficientResourceIsOverloaded() async throws {
        let api = try MockProviderAPI(.deepseek)
        api.enqueue(.json(MockProviderBodies.deepSeekChat(text: "", model: "deepseek-v4-flash", finishReason: "insufficient_system_resource").serialized()))
        let error = await Support.providerError { try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "deepseek-v4-flash")) }
        #expect(error?.kind == "overloaded")
        #expect(error?.classifiedFailure.failureClass.isRetryable == true)
    }

    @Test func listModelsReturnsIDs() async throws {
        let api = try MockProviderAPI(.deepseek)
        api.models = ["deepseek-v4-flash", "deepseek-v4-pro"]
        #expect(try await api.adapter(client: try HTTPClient()).listModels() == ["deepseek-v4-flash", "deepseek-v4-pro"])
        #expect(api.server.requests.first?.path == "/models")
    }
}

@Suite struct ProviderBaseURLTests {
    @Test func trailingSlashJoinedOnce() async throws {
        let api = try MockProviderAPI(.openai)
        let configuration = ProviderConfiguration(provider: .openai, apiKey: api.key, baseURL: api.baseURL + "/", client: try HTTPClient())
        _ = try await makeModelProvider(configuration).complete(Support.request(model: "gpt-5-mini"))
        #expect(api.completionRequests.first?.path == "/v1/chat/completions")
    }

    @Test func siteConfigurationReplacesBaseURL() throws {
        var site = SiteConfiguration()
        site.providers[.groq] = SiteConfiguration.ProviderSettings(baseURL: "http://127.0.0.1:9/openai/v1")
        let client = try HTTPClient()

        #expect(ProviderConfiguration(provider: .groq, apiKey: "k", site: site, client: client).baseURL == "http://127.0.0.1:9/openai/v1")
        #expect(ProviderConfiguration(provider: .xai, apiKey: "k", site: site, client: client).baseURL == "https://api.x.ai/v1")
    }

    @Test func keyWhitespaceTrimmed() throws {
        let configuration = ProviderConfiguration(provider: .openai, apiKey: "  sk-test-abc\n", client: try HTTPClient())
        #expect(configuration.apiKey == "sk-test-abc")
    }
}
