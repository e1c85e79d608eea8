import Foundation

/// DeepSeek: the OpenAI-compatible `POST /chat/completions` at `https://api.deepseek.com`.
///
/// Differences from OpenAI:
/// - The output limit is `max_tokens`.
/// - There is only a JSON mode, so the schema goes into the system message.
/// - While a request waits in DeepSeek's queue, the body starts with blank lines, which the JSON parser skips.
/// - The JSON mode occasionally returns empty content, reported as `emptyAnswer` and retried.
/// - Cached prompt tokens are `prompt_cache_hit_tokens`.
/// - No image input is documented.
public struct DeepSeekProvider: ModelProvider {
    public var provider: Provider { .deepseek }
    let chat: OpenAICompatibleChat

    public init(_ configuration: ProviderConfiguration) {
        let transport = ProviderTransport(
            configuration: configuration, authHeaders: ["Authorization": "Bearer \(configuration.apiKey)"],
            classify: { OpenAICompatibleErrors.classify($0, provider: .deepseek) })
        chat = OpenAICompatibleChat(transport: transport, dialect: .init(tokenLimitField: "max_tokens", images: nil))
    }

    public func complete(_ request: ModelRequest) async throws -> ModelResponse {
        try await chat.complete(request)
    }

    public func listModels() async throws -> [String] {
        try await chat.listModels()
    }
}
