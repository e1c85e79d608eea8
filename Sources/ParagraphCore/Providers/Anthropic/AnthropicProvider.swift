import Foundation

/// Anthropic: the Messages API, `POST /v1/messages` with `x-api-key` and `anthropic-version`.
///
/// Structured output is a forced tool call: the request defines one tool whose
/// `input_schema` is the answer's schema and sets `tool_choice` to it, and the answer
/// arrives as that tool's already-parsed `input`. Images go as base64 `image` blocks.
public struct AnthropicProvider: ModelProvider {
    public var provider: Provider { .anthropic }
    /// The API version every request names; 2023-06-01 is the one Anthropic's SDKs send.
    static let apiVersion = "2023-06-01"
    let transport: ProviderTransport

    public init(_ configuration: ProviderConfiguration) {
        transport = ProviderTransport(
            configuration: configuration,
            authHeaders: ["x-api-key": configuration.apiKey, "anthropic-version": Self.apiVersion],
            classify: AnthropicProvider.classify)
    }

    public func complete(_ request: ModelRequest) async throws -> ModelResponse {
        let info = transport.configuration.modelInfo(request.model)
        let (body, imageSent) = makeBody(request, info: info)
        let response = try await transport.post("/v1/messages", body: body)
        return try read(response, request: request, info: info, imageSent: imageSent)
    }

    /// `GET /v1/models`, following `has_more` and `last_id` through the pages.
    public func listModels() async throws -> [String] {
        var ids: [String] = []
        var after: String?
        // A bound on pages, so a server that always sets `has_more` cannot loop forever.
        for _ in 0..<50 {
            var query = [("limit", "1000")]
            if let after { query.append(("after_id", after)) }
            let response = try await transport.get("/v1/models", query: query)
            let json = try transport.parseBody(response)
            guard let data = json["data"]?.arrayValue else {
                throw transport.malformed("no `data` list of models", body: response.body)
            }
            ids += data.compactMap { $0["id"]?.stringValue }
            guard json["has_more"] == .bool(true), let last = json["last_id"]?.stringValue else { break }
            after = last
        }
        return ids
    }

    // MARK: Request

    func makeBody(_ request: ModelRequest, info: ModelInfo) -> (JSONValue, imageSent: Bool) {
        var content: [JSONValue] = []
        var imageSent = false
        if info.acceptsImages, let data = request.image, let image = ImagePolicy.anthropic.accept(data) {
            content.append(.object([
                ("type", .string("image")),
                ("source", .object([
                    ("type", .string("base64")),
                    ("media_type", .string(image.format.mediaType)),
                    ("data", .string(image.data.base64EncodedString())),
                ])),
            ]))
            imageSent = true
        }
        content.append(.object([("type", .string("text")), ("text", .string(request.userText))]))

        var members: [(String, JSONValue)] = [
            ("model", .string(request.model)),
            ("max_tokens", .integer(request.maxOutputTokens)),
        ]
        if !request.systemPrompt.isEmpty {
            members.append(("system", .string(request.systemPrompt)))
        }
        members.append(("messages", .array([.object([("role", .string("user")), ("content", .array(content))])])))
        if let output = request.output {
            members.append(("tools", .array([.object([
                ("name", .string(output.name)),
                ("description", .string("Record the answer. Its input is the whole answer.")),
                ("input_schema", output.schema),
            ])])))
            members.append(("tool_choice", .object([("type", .string("tool")), ("name", .string(output.name))])))
        }
        return (.object(members), imageSent)
    }

    // MARK: Response

    func read(_ response: HTTPResponse, request: ModelRequest, info: ModelInfo, imageSent: Bool) throws -> ModelResponse {
        let json = try transport.parseBody(response)
        guard let blocks = json["content"]?.arrayValue else {
            throw transport.malformed("no `content` list", body: response.body)
        }
        let secrets = [transport.configuration.apiKey]

        switch json["stop_reason"]?.stringValue {
        case "refusal":
            let details = json["stop_details"]
            let reason = details?["explanation"]?.stringValue ?? details?["category"]?.stringValue ?? "no reason given"
            throw ProviderError.refused(provider, reason: ResponseExcerpt.of(reason, redacting: secrets))
        case "max_tokens", "model_context_window_exceeded":
            throw ProviderError.truncated(provider, maxOutputTokens: request.maxOutputTokens)
        default:
            break
        }

        let usage = Self.usage(in: json)
        let reportedModel = json["model"]?.stringValue
        if let output = request.output {
            let toolUse = blocks.first { $0["type"]?.stringValue == "tool_use" && $0["name"]?.stringValue == output.name }
            if let input = toolUse?["input"] {
                return try StructuredAnswer.response(
                    text: input.serialized(), request: request, usage: usage, info: info, reportedModel: reportedModel,
                    imageSent: imageSent, transport: transport)
            }
        }

        let text = blocks.filter { $0["type"]?.stringValue == "text" }.compactMap { $0["text"]?.stringValue }.joined()
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            if request.output != nil {
                throw transport.malformed("no `tool_use` block named \(request.output!.name)", body: response.body)
            }
            throw ProviderError.emptyAnswer(provider)
        }
        return try StructuredAnswer.response(
            text: text, request: request, usage: usage, info: info, reportedModel: reportedModel, imageSent: imageSent,
            transport: transport)
    }

    /// Input is `input_tokens` plus the cache writes and reads reported beside it.
    static func usage(in json: JSONValue) -> TokenUsage {
        guard let usage = json["usage"] else { return .zero }
        let uncached = usage["input_tokens"]?.intValue ?? 0
        let cacheWrites = usage["cache_creation_input_tokens"]?.intValue ?? 0
        let cacheReads = usage["cache_read_input_tokens"]?.intValue ?? 0
        // NOTE: cache writes cost more than plain input; Paragraph never requests caching, so they are billed as input.
        return TokenUsage(
            inputTokens: uncached + cacheWrites + cacheReads, cachedInputTokens: cacheReads,
            outputTokens: usage["output_tokens"]?.intValue ?? 0)
    }

    /// Anthropic's `error.type`, and its 400 about a low credit balance.
    static func classify(_ failure: ErrorResponse) -> ProviderError? {
        let message = failure.message?.lowercased() ?? ""
        switch failure.errorType {
        case "authentication_error", "permission_error":
            return .invalidKey(.anthropic, detail: failure.detail)
        case "billing_error":
            return .quotaExhausted(.anthropic, detail: failure.detail)
        case "rate_limit_error":
            return .rateLimited(.anthropic, retryAfter: failure.retryAfter, detail: failure.detail)
        case "overloaded_error":
            return .overloaded(.anthropic, retryAfter: failure.retryAfter, detail: failure.detail)
        case "invalid_request_error" where message.contains("credit balance"):
            return .quotaExhausted(.anthropic, detail: failure.detail)
        default:
            return nil
        }
    }
}
