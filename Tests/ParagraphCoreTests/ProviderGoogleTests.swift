import Foundation
import Testing
@testable import ParagraphCore

private typealias Support = ProviderTestSupport

@Suite struct ProviderGoogleTests {
    @Test func structuredRequestDecodes() async throws {
        let api = try MockProviderAPI(.google)
        let response = try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "gemini-2.5-flash"))

        #expect(response.json == api.answer)
        #expect(response.reportedModel == "gemini-2.5-flash")
        // Thinking tokens are billed as output although candidatesTokenCount leaves them out.
        #expect(response.usage == TokenUsage(inputTokens: 9, outputTokens: 43, reasoningTokens: 34))
        Support.expectCost(response.costUSD, (9 * 0.30 + 43 * 2.50) / 1_000_000)
    }

    @Test func requestHasDocumentedShape() async throws {
        let api = try MockProviderAPI(.google)
        _ = try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "gemini-2.5-flash"))

        let request = try #require(api.completionRequests.first)
        #expect(request.path == "/v1beta/models/gemini-2.5-flash:generateContent")
        #expect(request.target == request.path)
        #expect(request.headers["x-goog-api-key"] == api.key)
        #expect(request.headers["authorization"] == nil)
        let body = try api.lastBody()
        #expect(body["model"] == nil)
        #expect(body["systemInstruction"]?["parts"]?.arrayValue?.first?["text"] == .string("You write SEO metadata."))
        let content = try #require(body["contents"]?.arrayValue?.first)
        #expect(content["role"] == .string("user"))
        #expect(content["parts"]?.arrayValue?.first?["text"] == .string("Page text about usage-based pricing."))
        let config = try #require(body["generationConfig"])
        #expect(config["maxOutputTokens"] == .integer(256))
        #expect(config["responseMimeType"] == .string("application/json"))
        #expect(config["responseJsonSchema"] == Support.seoSchema)
    }

    @Test func imageSentAsInlineData() async throws {
        let api = try MockProviderAPI(.google)
        let response = try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "gemini-2.5-flash", image: Support.jpeg))

        #expect(response.imageSent)
        let parts = try #require(try api.lastBody()["contents"]?.arrayValue?.first?["parts"]?.arrayValue)
        #expect(parts.count == 2)
        #expect(parts[0]["inline_data"]?["mime_type"] == .string("image/jpeg"))
        #expect(parts[0]["inline_data"]?["data"] == .string(Support.jpeg.base64EncodedString()))
        #expect(parts[1]["text"] != nil)
    }

    @Test func gifLeftOut() async throws {
        let api = try MockProviderAPI(.google)
        let response = try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "gemini-2.5-flash", image: Support.gif(frames: 1)))

        #expect(!response.imageSent)
        #expect(try api.lastBody()["contents"]?.arrayValue?.first?["parts"]?.arrayValue?.count == 1)
    }

    @Test func blockedPromptIsSafetyBlock() async throws {
        let api = try MockProviderAPI(.google)
        api.enqueue(.json(#"{"promptFeedback":{"blockReason":"SAFETY","blockReasonMessage":"The prompt was blocked."},"usageMetadata":{"promptTokenCount":14}}"#))
        let error = await Support.providerError { try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "gemini-2.5-flash")) }

        #expect(error == .safetyBlocked(.google, reason: "the prompt was blocked (SAFETY): The prompt was blocked."))
        #expect(error?.classifiedFailure.failureClass == .safetyBlocked)
    }

    @Test func safetyFinishWithoutPartsIsSafetyBlock() async throws {
        let api = try MockProviderAPI(.google)
        api.enqueue(.json(#"{"candidates":[{"content":{},"finishReason":"SAFETY","safetyRatings":[{"blocked":true,"category":"HARM_CATEGORY_HATE_SPEECH","probability":"LOW"},{"category":"HARM_CATEGORY_HARASSMENT","probability":"NEGLIGIBLE"}]}],"usageMetadata":{"promptTokenCount":14,"totalTokenCount":14}}"#))
        let error = await Support.providerError { try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "gemini-2.5-flash")) }

        #expect(error == .safetyBlocked(.google, reason: "the answer was stopped (finishReason SAFETY) in HARM_CATEGORY_HATE_SPEECH"))
    }

    @Test func maxTokensWithoutPartsIsTruncated() async throws {
        let api = try MockProviderAPI(.google)
        api.enqueue(.json(#"{"candidates":[{"content":{"role":"model"},"finishReason":"MAX_TOKENS","index":0}],"usageMetadata":{"promptTokenCount":15,"thoughtsTokenCount":2,"totalTokenCount":17}}"#))
        let error = await Support.providerError { try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "gemini-2.5-pro", maxOutputTokens: 5)) }

        #expect(error == .truncated(.google, maxOutputTokens: 5))
    }

    @Test func thoughtPartsSkipped() async throws {
        let api = try MockProviderAPI(.google)
        api.enqueue(.json(#"{"candidates":[{"content":{"parts":[{"text":"Thinking about it","thought":true},{"text":"{\"title\":\"T\",\"description\":\"D\"}"}],"role":"model"},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":4,"candidatesTokenCount":6}}"#))
        let response = try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "gemini-2.5-flash"))

        #expect(response.json?["title"] == .string("T"))
    }

    @Test func listModelsStripsPrefixAndPages() async throws {
        let api = try MockProviderAPI(.google)
        api.server.route("GET", "/v1beta/models") { request in
            if request.target.contains("pageToken=next") {
                return .json(#"{"models":[{"name":"models/gemini-2.5-pro","supportedGenerationMethods":["generateContent"]}]}"#)
            }
            return .json(#"{"models":[{"name":"models/gemini-2.5-flash","supportedGenerationMethods":["generateContent","countTokens"]},{"name":"models/text-embedding-004","supportedGenerationMethods":["embedContent"]}],"nextPageToken":"next"}"#)
        }
        let ids = try await api.adapter(client: try HTTPClient()).listModels()

        #expect(ids == ["gemini-2.5-flash", "gemini-2.5-pro"])
        #expect(api.server.requests.allSatisfy { $0.headers["x-goog-api-key"] == api.key && !$0.target.contains("key=") })
    }
}
