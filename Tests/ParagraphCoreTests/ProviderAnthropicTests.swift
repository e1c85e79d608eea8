import Foundation
import Testing
@testable import ParagraphCore

private typealias Support = ProviderTestSupport

@Suite struct ProviderAnthropicTests {
    @Test func structuredRequestDecodes() async throws {
        let api = try MockProviderAPI(.anthropic)
        let response = try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "claude-haiku-4-5"))

        #expect(response.json == api.answer)
        #expect(response.text == api.answer.serialized())
        #expect(response.reportedModel == "claude-haiku-4-5-20251001")
        #expect(response.usage == TokenUsage(inputTokens: 497, outputTokens: 56))
        Support.expectCost(response.costUSD, (497 * 1.00 + 56 * 5.00) / 1_000_000)
    }

    @Test func requestHasDocumentedShape() async throws {
        let api = try MockProviderAPI(.anthropic)
        _ = try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "claude-sonnet-4-5"))

        let request = try #require(api.completionRequests.first)
        #expect(request.path == "/v1/messages")
        #expect(request.headers["x-api-key"] == api.key)
        #expect(request.headers["anthropic-version"] == "2023-06-01")
        #expect(request.headers["authorization"] == nil)
        let body = try api.lastBody()
        #expect(body["model"] == .string("claude-sonnet-4-5"))
        #expect(body["max_tokens"] == .integer(256))
        #expect(body["system"] == .string("You write SEO metadata."))
        let message = try #require(body["messages"]?.arrayValue?.first)
        #expect(message["role"] == .string("user"))
        #expect(message["content"]?.arrayValue?.last?["text"] == .string("Page text about usage-based pricing."))
        let tool = try #require(body["tools"]?.arrayValue?.first)
        #expect(tool["name"] == .string("seo_fields"))
        #expect(tool["input_schema"] == Support.seoSchema)
        #expect(body["tool_choice"] == .object([("type", .string("tool")), ("name", .string("seo_fields"))]))
        #expect(body["response_format"] == nil)
    }

    @Test func imageSentAsBase64Block() async throws {
        let api = try MockProviderAPI(.anthropic)
        let response = try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "claude-haiku-4-5", image: Support.webp))

        #expect(response.imageSent)
        let content = try #require(try api.lastBody()["messages"]?.arrayValue?.first?["content"]?.arrayValue)
        #expect(content.count == 2)
        #expect(content[0]["type"] == .string("image"))
        #expect(content[0]["source"]?["type"] == .string("base64"))
        #expect(content[0]["source"]?["media_type"] == .string("image/webp"))
        #expect(content[0]["source"]?["data"] == .string(Support.webp.base64EncodedString()))
        #expect(content[1]["type"] == .string("text"))
    }

    @Test func plainTextJoinsTextBlocks() async throws {
        let api = try MockProviderAPI(.anthropic)
        api.enqueue(.json(MockProviderBodies.anthropicText(["Hello", " there"], model: "claude-haiku-4-5").serialized()))
        let response = try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "claude-haiku-4-5", output: nil))

        #expect(response.text == "Hello there")
        #expect(response.json == nil)
        #expect(try api.lastBody()["tools"] == nil)
    }

    @Test func cacheReadsCountAsCachedInput() async throws {
        let api = try MockProviderAPI(.anthropic)
        var body = MockProviderBodies.anthropicToolUse(input: api.answer, model: "claude-haiku-4-5")
        if case .object(var members) = body, let index = members.firstIndex(where: { $0.0 == "usage" }) {
            members[index].1 = MockProviderBodies.anthropicUsage(input: 100, output: 10, cacheRead: 1000)
            body = .object(members)
        }
        api.enqueue(.json(body.serialized()))
        let response = try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "claude-haiku-4-5"))

        #expect(response.usage == TokenUsage(inputTokens: 1100, cachedInputTokens: 1000, outputTokens: 10))
        Support.expectCost(response.costUSD, (100 * 1.00 + 1000 * 0.10 + 10 * 5.00) / 1_000_000)
    }

    @Test func refusalStopReasonReported() async throws {
        let api = try MockProviderAPI(.anthropic)
        api.enqueue(.json(#"{"type":"message","role":"assistant","content":[],"stop_reason":"refusal","stop_details":{"type":"refusal","category":"cyber","explanation":"This request was blocked under the usage policy."},"usage":{"input_tokens":18,"output_tokens":5}}"#))
        let error = await Support.providerError { try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "claude-haiku-4-5")) }
        #expect(error == .refused(.anthropic, reason: "This request was blocked under the usage policy."))
    }

    @Test func maxTokensStopIsTruncated() async throws {
        let api = try MockProviderAPI(.anthropic)
        api.enqueue(.json(MockProviderBodies.anthropicText(["{\"title\":"], model: "claude-haiku-4-5", stopReason: "max_tokens").serialized()))
        let error = await Support.providerError { try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "claude-haiku-4-5")) }
        #expect(error == .truncated(.anthropic, maxOutputTokens: 256))
    }

    @Test func missingToolUseIsMalformed() async throws {
        let api = try MockProviderAPI(.anthropic)
        api.enqueue(.json(MockProviderBodies.anthropicText([], model: "claude-haiku-4-5", stopReason: "end_turn").serialized()))
        let error = await Support.providerError { try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "claude-haiku-4-5")) }
        guard case .malformedResponse(_, let problem, _) = error else {
            Issue.record("expected malformedResponse, got \(String(describing: error))")
            return
        }
        #expect(problem == "no `tool_use` block named seo_fields")
    }

    @Test func listModelsFollowsPages() async throws {
        let api = try MockProviderAPI(.anthropic)
        api.server.route("GET", "/v1/models") { request in
            if request.target.contains("after_id=claude-b") {
                return .json(#"{"data":[{"type":"model","id":"claude-c"}],"has_more":false,"first_id":"claude-c","last_id":"claude-c"}"#)
            }
            return .json(#"{"data":[{"type":"model","id":"claude-a"},{"type":"model","id":"claude-b"}],"has_more":true,"first_id":"claude-a","last_id":"claude-b"}"#)
        }
        let ids = try await api.adapter(client: try HTTPClient()).listModels()

        #expect(ids == ["claude-a", "claude-b", "claude-c"])
        #expect(api.server.requests.count == 2)
        #expect(api.server.requests.allSatisfy { $0.headers["x-api-key"] == api.key })
    }
}
