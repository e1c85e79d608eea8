import Foundation
import Testing
@testable import ParagraphCore

private typealias Support = ProviderTestSupport

private struct SEOFields: Decodable, Equatable {
    var title: String
    var description: String
}

@Suite struct ProviderOpenAITests {
    @Test func structuredRequestDecodes() async throws {
        let api = try MockProviderAPI(.openai)
        let adapter = api.adapter(client: try HTTPClient())

        let response = try await adapter.complete(Support.request(model: "gpt-4o"))

        #expect(response.json == api.answer)
        #expect(try response.decode(SEOFields.self) == SEOFields(title: "A mock title", description: "A mock description."))
        #expect(response.reportedModel == "gpt-4o-2025-04-14")
        #expect(response.usage == TokenUsage(inputTokens: 92, outputTokens: 15))
        Support.expectCost(response.costUSD, (92 * 2.50 + 15 * 10.00) / 1_000_000)
        #expect(response.imageSent == false)
    }

    @Test func requestHasDocumentedShape() async throws {
        let api = try MockProviderAPI(.openai)
        _ = try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "gpt-5-mini"))

        let request = try #require(api.completionRequests.first)
        #expect(request.method == "POST")
        #expect(request.path == "/v1/chat/completions")
        #expect(request.headers["authorization"] == "Bearer \(api.key)")
        #expect(request.headers["content-type"] == "application/json")
        #expect(!request.target.contains(api.key))
        let body = try api.lastBody()
        #expect(body["model"] == .string("gpt-5-mini"))
        #expect(body["max_completion_tokens"] == .integer(256))
        #expect(body["max_tokens"] == nil)
        let messages = try #require(body["messages"]?.arrayValue)
        #expect(messages.count == 2)
        #expect(messages[0]["role"] == .string("developer"))
        #expect(messages[0]["content"] == .string("You write SEO metadata."))
        #expect(messages[1]["role"] == .string("user"))
        #expect(messages[1]["content"] == .string("Page text about usage-based pricing."))
        let format = try #require(body["response_format"])
        #expect(format["type"] == .string("json_schema"))
        #expect(format["json_schema"]?["name"] == .string("seo_fields"))
        #expect(format["json_schema"]?["strict"] == .bool(true))
        #expect(format["json_schema"]?["schema"] == Support.seoSchema)
    }

    @Test func plainTextRequestHasNoResponseFormat() async throws {
        let api = try MockProviderAPI(.openai)
        let response = try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "gpt-5-mini", output: nil))

        #expect(try api.lastBody()["response_format"] == nil)
        #expect(response.json == nil)
        #expect(response.text == api.answer.serialized())
    }

    @Test func imageSentAsDataURL() async throws {
        let api = try MockProviderAPI(.openai)
        let response = try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "gpt-4.1-mini", image: Support.png))

        #expect(response.imageSent)
        let content = try #require(try api.lastBody()["messages"]?.arrayValue?[1]["content"]?.arrayValue)
        #expect(content.count == 2)
        #expect(content[0]["type"] == .string("text"))
        #expect(content[1]["type"] == .string("image_url"))
        let url = try #require(content[1]["image_url"]?["url"]?.stringValue)
        #expect(url == "data:image/png;base64," + Support.png.base64EncodedString())
    }

    @Test func imageLeftOutWhenNotAccepted() async throws {
        let cases: [(model: String, image: Data, reason: String)] = [
            ("o3-mini", Support.png, "model without image input"),
            ("gpt-4.1-mini", Support.bmp, "BMP is not accepted"),
            ("gpt-4.1-mini", Support.gif(frames: 2), "animated GIF"),
            ("unknown-model", Support.png, "model missing from the catalog"),
        ]
        for (model, image, reason) in cases {
            let api = try MockProviderAPI(.openai)
            let response = try await api.adapter(client: try HTTPClient()).complete(Support.request(model: model, image: image))
            #expect(!response.imageSent, "\(reason)")
            #expect(try api.lastBody()["messages"]?.arrayValue?[1]["content"]?.stringValue != nil, "\(reason)")
        }
    }

    @Test func stillGIFAccepted() async throws {
        let api = try MockProviderAPI(.openai)
        let response = try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "gpt-4.1-mini", image: Support.gif(frames: 1)))
        #expect(response.imageSent)
    }

    @Test func unknownModelHasNoCost() async throws {
        let api = try MockProviderAPI(.openai)
        let response = try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "gpt-9-preview"))
        #expect(response.costUSD == nil)
        #expect(response.usage.inputTokens == 92)
    }

    @Test func listModelsReturnsIDs() async throws {
        let api = try MockProviderAPI(.openai)
        api.models = ["gpt-5-mini", "gpt-4.1-mini"]
        let ids = try await api.adapter(client: try HTTPClient()).listModels()

        #expect(ids == ["gpt-5-mini", "gpt-4.1-mini"])
        let request = try #require(api.server.requests.first)
        #expect(request.method == "GET")
        #expect(request.path == "/v1/models")
        #expect(request.headers["authorization"] == "Bearer \(api.key)")
    }

    @Test func webSearchUsesResponsesAPI() async throws {
        let api = try MockProviderAPI(.openai)
        let adapter = OpenAIProvider(api.configuration(client: try HTTPClient()))

        let response = try await adapter.completeWithWebSearch(Support.request(model: "gpt-5", image: Support.jpeg))

        let request = try #require(api.completionRequests.first)
        #expect(request.path == "/v1/responses")
        #expect(request.headers["authorization"] == "Bearer \(api.key)")
        let body = try api.lastBody()
        #expect(body["tools"] == .array([.object([("type", .string("web_search"))])]))
        #expect(body["max_output_tokens"] == .integer(256))
        #expect(body["instructions"] == .string("You write SEO metadata."))
        let format = try #require(body["text"]?["format"])
        #expect(format["type"] == .string("json_schema"))
        #expect(format["name"] == .string("seo_fields"))
        #expect(format["strict"] == .bool(true))
        #expect(format["schema"] == Support.seoSchema)
        let content = try #require(body["input"]?.arrayValue?.first?["content"]?.arrayValue)
        #expect(content[0]["type"] == .string("input_text"))
        #expect(content[1]["type"] == .string("input_image"))
        #expect(content[1]["image_url"]?.stringValue?.hasPrefix("data:image/jpeg;base64,") == true)

        #expect(response.json == api.answer)
        #expect(response.citations == [Citation(url: "https://example.com/source?utm_source=chatgpt.com", title: "A source")])
        #expect(response.usage == TokenUsage(inputTokens: 9299, cachedInputTokens: 8448, outputTokens: 577, reasoningTokens: 512))
        Support.expectCost(response.costUSD, ((9299 - 8448) * 1.25 + 8448 * 0.125 + 577 * 10.00) / 1_000_000)
    }

    @Test func webSearchIncompleteIsTruncated() async throws {
        let api = try MockProviderAPI(.openai)
        api.enqueue(.json(#"{"status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},"output":[]}"#))
        let error = await Support.providerError {
            try await OpenAIProvider(api.configuration(client: try HTTPClient())).completeWithWebSearch(Support.request(model: "gpt-5"))
        }
        #expect(error == .truncated(.openai, maxOutputTokens: 256))
    }

    @Test func refusalReported() async throws {
        let api = try MockProviderAPI(.openai)
        api.enqueue(.json(MockProviderBodies.openAIChat(text: "", model: "gpt-4o", refusal: "I can't help with that.").serialized()))
        let error = await Support.providerError { try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "gpt-4o")) }
        #expect(error == .refused(.openai, reason: "I can't help with that."))
        #expect(error?.classifiedFailure.failureClass == .unexpectedResponse)
    }

    @Test func finishReasonsMapped() async throws {
        let cases: [(String, ProviderError)] = [
            ("length", .truncated(.openai, maxOutputTokens: 256)),
            ("content_filter", .safetyBlocked(.openai, reason: "the content filter stopped the answer (finish_reason content_filter)")),
        ]
        for (finishReason, expected) in cases {
            let api = try MockProviderAPI(.openai)
            api.enqueue(.json(MockProviderBodies.openAIChat(text: "{\"title\":", model: "gpt-4o", finishReason: finishReason).serialized()))
            let error = await Support.providerError { try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "gpt-4o")) }
            #expect(error == expected, "\(finishReason)")
        }
    }

    @Test func nonJSONAnswerIsMalformed() async throws {
        let api = try MockProviderAPI(.openai)
        api.enqueue(.json(MockProviderBodies.openAIChat(text: "Sure! Here is the title.", model: "gpt-4o").serialized()))
        let error = await Support.providerError { try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "gpt-4o")) }
        guard case .malformedResponse(_, let problem, let excerpt) = error else {
            Issue.record("expected malformedResponse, got \(String(describing: error))")
            return
        }
        #expect(problem.hasPrefix("the answer is not JSON"))
        #expect(excerpt == "Sure! Here is the title.")
    }

    @Test func fencedJSONAnswerAccepted() async throws {
        let api = try MockProviderAPI(.openai)
        api.enqueue(.json(MockProviderBodies.openAIChat(text: "```json\n{\"title\":\"T\",\"description\":\"D\"}\n```", model: "gpt-4o").serialized()))
        let response = try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "gpt-4o"))
        #expect(response.json?["title"] == .string("T"))
    }
}
