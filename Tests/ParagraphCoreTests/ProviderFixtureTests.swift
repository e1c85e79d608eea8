import Foundation
import Testing
@testable import ParagraphCore

private typealias Support = ProviderTestSupport

/// A response body recorded from a provider's live API, kept in the shared folder beside the repository.
struct RecordedResponse: Sendable, CustomTestStringConvertible {
    enum Expected: Sendable {
        /// Usage as the adapter must read it, and the catalog price it is billed at (nil: model not in the catalog).
        case answer(TokenUsage, price: ModelPrice?)
        /// The `ProviderError.kind` the body must produce.
        case failure(String)
    }

    var provider: Provider
    var file: String
    var status: Int = 200
    /// The model the request names; recorded bodies often report a dated snapshot of it.
    var model: String
    var output: StructuredOutput?
    var webSearch = false
    var expected: Expected

    var testDescription: String { file }

    static let folder = "provider-fixtures"
    static var isPresent: Bool { SharedFolder.exists(folder) }

    func body() throws -> Data {
        try Data(contentsOf: SharedFolder.path(Self.folder).appendingPathComponent(file))
    }

    static func price(_ provider: Provider, _ model: String) -> ModelPrice? {
        ModelCatalog.standard.model(provider, model)?.price
    }

    private static let city = StructuredOutput(
        name: "final_result",
        schema: try! JSONValue.parse(#"{"type":"object","properties":{"city":{"type":"string"},"country":{"type":"string"}},"required":["city","country"],"additionalProperties":false}"#))
    private static let anyObject = StructuredOutput(name: "final_result", schema: .object([("type", .string("object"))]))

    static let all: [RecordedResponse] = [
        // OpenAI
        .init(provider: .openai, file: "openai/chat_completion_success_gpt-4.1-nano.json", model: "gpt-4.1-nano",
              expected: .answer(TokenUsage(inputTokens: 16, outputTokens: 363), price: price(.openai, "gpt-4.1-nano"))),
        .init(provider: .openai, file: "openai/chat_completion_success_o3-mini_reasoning.json", model: "o3-mini",
              expected: .answer(TokenUsage(inputTokens: 7, outputTokens: 87, reasoningTokens: 64), price: price(.openai, "o3-mini"))),
        .init(provider: .openai, file: "openai/chat_completion_json_schema_structured.json", model: "gpt-4o", output: city,
              expected: .answer(TokenUsage(inputTokens: 92, outputTokens: 15), price: price(.openai, "gpt-4o"))),
        .init(provider: .openai, file: "openai/responses_web_search_gpt-5.json", model: "gpt-5", webSearch: true,
              expected: .answer(TokenUsage(inputTokens: 9299, cachedInputTokens: 8448, outputTokens: 577, reasoningTokens: 512), price: price(.openai, "gpt-5"))),
        .init(provider: .openai, file: "openai/error_429_insufficient_quota.json", status: 429, model: "gpt-5-mini", expected: .failure("quota exhausted")),
        .init(provider: .openai, file: "openai/error_400_max_tokens_unsupported_on_reasoning_model.json", status: 400, model: "o3-mini", expected: .failure("bad request")),
        .init(provider: .openai, file: "openai/error_400_web_search_options_not_supported.json", status: 400, model: "gpt-4.1", expected: .failure("bad request")),
        // Anthropic
        .init(provider: .anthropic, file: "anthropic/message_success_text.json", model: "claude-sonnet-4-5",
              expected: .answer(TokenUsage(inputTokens: 12, outputTokens: 29), price: price(.anthropic, "claude-sonnet-4-5"))),
        .init(provider: .anthropic, file: "anthropic/message_success_haiku-4-5.json", model: "claude-haiku-4-5",
              expected: .answer(TokenUsage(inputTokens: 26, outputTokens: 18), price: price(.anthropic, "claude-haiku-4-5"))),
        .init(provider: .anthropic, file: "anthropic/message_forced_tool_use_structured.json", model: "claude-sonnet-4-5", output: city,
              expected: .answer(TokenUsage(inputTokens: 497, outputTokens: 56), price: price(.anthropic, "claude-sonnet-4-5"))),
        .init(provider: .anthropic, file: "anthropic/message_structured_output_json_schema.json", model: "claude-sonnet-4-5", output: anyObject,
              expected: .answer(TokenUsage(inputTokens: 371, outputTokens: 629), price: price(.anthropic, "claude-sonnet-4-5"))),
        .init(provider: .anthropic, file: "anthropic/message_web_search_tool.json", model: "claude-sonnet-4-20250514",
              expected: .answer(TokenUsage(inputTokens: 27118, outputTokens: 600), price: nil)),
        .init(provider: .anthropic, file: "anthropic/message_refusal_stop_reason.json", model: "claude-fable-5", expected: .failure("refused")),
        .init(provider: .anthropic, file: "anthropic/error_404_not_found_model.json", status: 404, model: "claude-does-not-exist", expected: .failure("bad request")),
        .init(provider: .anthropic, file: "anthropic/error_400_invalid_request.json", status: 400, model: "claude-haiku-4-5", expected: .failure("bad request")),
        // Google AI
        .init(provider: .google, file: "gemini/generateContent_success_gemini-2.5-flash.json", model: "gemini-2.5-flash",
              expected: .answer(TokenUsage(inputTokens: 9, outputTokens: 43, reasoningTokens: 34), price: price(.google, "gemini-2.5-flash"))),
        .init(provider: .google, file: "gemini/generateContent_success_text.json", model: "gemini-3-pro-preview",
              expected: .answer(TokenUsage(inputTokens: 9, outputTokens: 272, reasoningTokens: 244), price: price(.google, "gemini-3-pro-preview"))),
        .init(provider: .google, file: "gemini/generateContent_structured_json_schema.json", model: "gemini-2.0-flash", output: city,
              expected: .answer(TokenUsage(inputTokens: 8, outputTokens: 20), price: nil)),
        .init(provider: .google, file: "gemini/generateContent_google_search_grounding.json", model: "gemini-2.5-pro",
              expected: .answer(TokenUsage(inputTokens: 136, outputTokens: 414, reasoningTokens: 213), price: price(.google, "gemini-2.5-pro"))),
        .init(provider: .google, file: "gemini/generateContent_finishReason_SAFETY_no_parts.json", model: "gemini-2.5-flash", expected: .failure("blocked by safety filters")),
        .init(provider: .google, file: "gemini/vertex_promptFeedback_blockReason_no_candidates.json", model: "gemini-2.5-flash", expected: .failure("blocked by safety filters")),
        .init(provider: .google, file: "gemini/generateContent_finishReason_MAX_TOKENS_truncated.json", model: "gemini-2.5-flash", expected: .failure("truncated")),
        .init(provider: .google, file: "gemini/generateContent_MAX_TOKENS_thinking_ate_budget_no_parts.json", model: "gemini-2.5-pro", expected: .failure("truncated")),
        .init(provider: .google, file: "gemini/error_429_resource_exhausted_retryinfo.json", status: 429, model: "gemini-2.5-flash", expected: .failure("rate limited")),
        // xAI
        .init(provider: .xai, file: "xai/chat_completion_grok-3-mini_reasoning.json", model: "grok-3-mini",
              expected: .answer(TokenUsage(inputTokens: 12, cachedInputTokens: 2, outputTokens: 229, reasoningTokens: 228), price: price(.xai, "grok-3-mini"))),
        .init(provider: .xai, file: "xai/chat_completion_tool_call.json", model: "grok-3-mini", expected: .failure("empty answer")),
        // Groq
        .init(provider: .groq, file: "groq/chat_completion_success_llama-3.3-70b.json", model: "llama-3.3-70b-versatile",
              expected: .answer(TokenUsage(inputTokens: 45, outputTokens: 607), price: price(.groq, "llama-3.3-70b-versatile"))),
        .init(provider: .groq, file: "groq/chat_completion_json_schema_gpt-oss.json", model: "openai/gpt-oss-120b", output: city,
              expected: .answer(TokenUsage(inputTokens: 178, outputTokens: 94), price: price(.groq, "openai/gpt-oss-120b"))),
        .init(provider: .groq, file: "groq/chat_completion_compound_web_search.json", model: "groq/compound",
              expected: .answer(TokenUsage(inputTokens: 5296, outputTokens: 387), price: nil)),
        .init(provider: .groq, file: "groq/error_404_model_not_found.json", status: 404, model: "non-existent", expected: .failure("bad request")),
        .init(provider: .groq, file: "groq/error_400_tool_use_failed.json", status: 400, model: "llama-3.3-70b-versatile", expected: .failure("bad request")),
        // DeepSeek: the legacy ids in these recordings are deepseek-v4-flash under another name.
        .init(provider: .deepseek, file: "deepseek/chat_completion_reasoner_reasoning_content.json", model: "deepseek-v4-flash",
              expected: .answer(TokenUsage(inputTokens: 18, outputTokens: 345, reasoningTokens: 315), price: price(.deepseek, "deepseek-v4-flash"))),
        .init(provider: .deepseek, file: "deepseek/chat_completion_json_output.json", model: "deepseek-v4-flash", output: anyObject,
              expected: .answer(TokenUsage(inputTokens: 495, cachedInputTokens: 320, outputTokens: 144, reasoningTokens: 118), price: price(.deepseek, "deepseek-v4-flash"))),
        .init(provider: .deepseek, file: "deepseek/chat_completion_tool_calls_with_reasoning.json", model: "deepseek-v4-flash",
              expected: .answer(TokenUsage(inputTokens: 563, cachedInputTokens: 512, outputTokens: 116, reasoningTokens: 60), price: price(.deepseek, "deepseek-v4-flash"))),
        .init(provider: .deepseek, file: "deepseek/chat_completion_success_text.json", model: "deepseek-v4-flash", expected: .failure("truncated")),
    ]
}

@Suite(.enabled(if: RecordedResponse.isPresent, "skipped: the recorded provider responses are not in the shared folder beside the repository"))
struct ProviderFixtureTests {
    @Test(arguments: RecordedResponse.all)
    func recordedBodyReadCorrectly(_ recorded: RecordedResponse) async throws {
        let api = try MockProviderAPI(recorded.provider)
        api.enqueue(MockReply(status: recorded.status, headers: [("Content-Type", "application/json")], body: try recorded.body()))
        let configuration = api.configuration(client: try HTTPClient())
        let request = Support.request(model: recorded.model, output: recorded.output, maxOutputTokens: 1024)

        switch recorded.expected {
        case .answer(let usage, let price):
            let response = recorded.webSearch
                ? try await OpenAIProvider(configuration).completeWithWebSearch(request)
                : try await makeModelProvider(configuration).complete(request)
            #expect(response.usage == usage)
            #expect(!response.text.isEmpty)
            if let price {
                Support.expectCost(response.costUSD, usage.cost(at: price))
            } else {
                #expect(response.costUSD == nil)
            }
            if recorded.output != nil {
                #expect(response.json?.isObject == true)
            }
        case .failure(let kind):
            let error = await Support.providerError { try await makeModelProvider(configuration).complete(request) }
            #expect(error?.kind == kind)
        }
    }

    /// Bodies that end in a tool call carry no answer, but their usage must still read right.
    @Test func toolCallBodiesUsageRead() throws {
        let xAI = try JSONValue.parse(Data(contentsOf: SharedFolder.path("provider-fixtures/xai/chat_completion_tool_call.json")))
        let chat = OpenAICompatibleChat(
            transport: ProviderTransport(configuration: ProviderConfiguration(provider: .xai, apiKey: "k", client: try HTTPClient()), authHeaders: [:], classify: { _ in nil }),
            dialect: .init(completionIncludesReasoning: false))
        let usage = chat.usage(in: xAI)

        #expect(usage == TokenUsage(inputTokens: 291, cachedInputTokens: 244, outputTokens: 215, reasoningTokens: 189))
        // xAI reports the cost of this response as 1,399,000 ticks of 1e-10 USD.
        Support.expectCost(ModelCatalog.standard.model(.xai, "grok-3-mini")?.cost(of: usage), 1_399_000 / 1e10)
    }

    @Test func retryDelayReadFromRecordedBody() async throws {
        let api = try MockProviderAPI(.google)
        let body = try Data(contentsOf: SharedFolder.path("provider-fixtures/gemini/error_429_resource_exhausted_retryinfo.json"))
        api.enqueue(MockReply(status: 429, headers: [("Content-Type", "application/json")], body: body))
        let error = await Support.providerError { try await api.adapter(client: try HTTPClient()).complete(Support.request(model: "gemini-2.5-flash")) }

        #expect(error?.classifiedFailure == ClassifiedFailure(.rateLimited, retryAfter: .milliseconds(34_400)))
    }
}
