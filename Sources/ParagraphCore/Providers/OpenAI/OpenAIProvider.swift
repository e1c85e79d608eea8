import Foundation

/// OpenAI: Chat Completions for structured requests, the Responses API for web search.
///
/// Requests send `Authorization: Bearer KEY` to `POST /chat/completions` with
/// `max_completion_tokens` (the older `max_tokens` is rejected by reasoning models)
/// and a strict `json_schema` response format.
public struct OpenAIProvider: ModelProvider {
    public var provider: Provider { .openai }
    let chat: OpenAICompatibleChat

    public init(_ configuration: ProviderConfiguration) {
        let transport = ProviderTransport(
            configuration: configuration, authHeaders: ["Authorization": "Bearer \(configuration.apiKey)"],
            classify: { OpenAICompatibleErrors.classify($0, provider: .openai) })
        chat = OpenAICompatibleChat(
            transport: transport, dialect: .init(systemRole: "developer", images: .openAI))
    }

    public func complete(_ request: ModelRequest) async throws -> ModelResponse {
        try await chat.complete(request)
    }

    public func listModels() async throws -> [String] {
        try await chat.listModels()
    }

    /// Send the request through the Responses API with its `web_search` tool, so the
    /// model can search the web before it answers, and return the pages it cited.
    ///
    /// The citations may be empty even when the model searched.
    public func completeWithWebSearch(_ request: ModelRequest) async throws -> ModelResponse {
        let transport = chat.transport
        let info = transport.configuration.modelInfo(request.model)
        let (body, imageSent) = OpenAIResponsesBody.make(request, info: info)
        let response = try await transport.post("/responses", body: body)
        return try OpenAIResponsesBody.read(response, request: request, info: info, imageSent: imageSent, transport: transport)
    }
}
