import Foundation

/// Groq: the OpenAI-compatible `POST /chat/completions` at `https://api.groq.com/openai/v1`.
///
/// Differences from OpenAI:
/// - Only some models take `json_schema`: strictly on GPT-OSS, on a best-effort basis on
///   Llama 4 and Kimi K2. The rest get the JSON mode with the schema in the system message.
/// - Responses carry extra fields (`x_groq`, timing in `usage`, `message.reasoning`), which are ignored.
/// - Groq fails a request whose JSON it cannot validate with 400 `json_validate_failed`,
///   reported here as a malformed response.
public struct GroqProvider: ModelProvider {
    public var provider: Provider { .groq }
    let chat: OpenAICompatibleChat

    public init(_ configuration: ProviderConfiguration) {
        let transport = ProviderTransport(
            configuration: configuration, authHeaders: ["Authorization": "Bearer \(configuration.apiKey)"],
            classify: { failure in GroqProvider.classify(failure, secrets: [configuration.apiKey]) })
        chat = OpenAICompatibleChat(transport: transport, dialect: .init(images: .groq))
    }

    public func complete(_ request: ModelRequest) async throws -> ModelResponse {
        try await chat.complete(request)
    }

    public func listModels() async throws -> [String] {
        try await chat.listModels()
    }

    static func classify(_ failure: ErrorResponse, secrets: [String]) -> ProviderError? {
        if failure.status == 400, failure.errorCode == "json_validate_failed" {
            let generation = failure.json?["error"]?["failed_generation"]?.stringValue ?? ""
            return .malformedResponse(
                .groq, problem: "Groq could not validate the model's JSON answer",
                excerpt: ResponseExcerpt.of(generation, redacting: secrets))
        }
        return OpenAICompatibleErrors.classify(failure, provider: .groq)
    }
}
