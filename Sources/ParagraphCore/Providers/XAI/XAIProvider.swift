import Foundation

/// xAI: the OpenAI-compatible `POST /chat/completions` at `https://api.x.ai/v1`.
///
/// Differences from OpenAI:
/// - `completion_tokens` leaves out reasoning tokens, so they are added to the output here.
/// - Images go as `image_url` data URLs, but only as JPEG or PNG.
/// - A rejected key comes back as HTTP 400 whose `error` is a string.
public struct XAIProvider: ModelProvider {
    public var provider: Provider { .xai }
    let chat: OpenAICompatibleChat

    public init(_ configuration: ProviderConfiguration) {
        let transport = ProviderTransport(
            configuration: configuration, authHeaders: ["Authorization": "Bearer \(configuration.apiKey)"],
            classify: XAIProvider.classify)
        chat = OpenAICompatibleChat(
            transport: transport, dialect: .init(completionIncludesReasoning: false, images: .xAI))
    }

    public func complete(_ request: ModelRequest) async throws -> ModelResponse {
        try await chat.complete(request)
    }

    public func listModels() async throws -> [String] {
        try await chat.listModels()
    }

    /// xAI rejects a bad key with 400 and a body such as
    /// `{"code":"Client specified an invalid argument","error":"Incorrect API key provided: …"}`.
    static func classify(_ failure: ErrorResponse) -> ProviderError? {
        if failure.status == 400 || failure.status == 401, failure.json?["error"]?.stringValue != nil,
           let message = failure.message?.lowercased(), message.contains("api key") {
            return .invalidKey(.xai, detail: failure.detail)
        }
        return OpenAICompatibleErrors.classify(failure, provider: .xai)
    }
}
