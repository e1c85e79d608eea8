import Foundation

/// The Chat Completions shape that OpenAI, xAI, Groq and DeepSeek share, with each one's differences.
struct OpenAICompatibleChat: Sendable {
    /// The ways one provider differs from OpenAI.
    struct Dialect: Sendable {
        /// `developer` for OpenAI, which renamed the system role; `system` elsewhere.
        var systemRole = "system"
        /// `max_completion_tokens`, or DeepSeek's `max_tokens`.
        var tokenLimitField = "max_completion_tokens"
        /// Whether `completion_tokens` already counts reasoning; xAI's does not.
        var completionIncludesReasoning = true
        /// The images the provider takes inline, or nil for none.
        var images: ImagePolicy?
    }

    let transport: ProviderTransport
    let dialect: Dialect

    var provider: Provider { transport.provider }

    func complete(_ request: ModelRequest) async throws -> ModelResponse {
        let info = transport.configuration.modelInfo(request.model)
        let (body, imageSent) = makeBody(request, info: info)
        let response = try await transport.post("/chat/completions", body: body)
        return try read(response, request: request, info: info, imageSent: imageSent)
    }

    /// `GET /models`, which every OpenAI-compatible API here offers, returning `data[].id`.
    func listModels() async throws -> [String] {
        let response = try await transport.get("/models")
        let json = try transport.parseBody(response)
        guard let data = json["data"]?.arrayValue else {
            throw transport.malformed("no `data` list of models", body: response.body)
        }
        return data.compactMap { $0["id"]?.stringValue }
    }

    // MARK: Request

    func makeBody(_ request: ModelRequest, info: ModelInfo) -> (JSONValue, imageSent: Bool) {
        let system = StructuredAnswer.systemPrompt(request, mode: info.structuredOutput)
        var imageSent = false
        var userContent = JSONValue.string(request.userText)
        if info.acceptsImages, let policy = dialect.images, let data = request.image, let image = policy.accept(data) {
            userContent = .array([
                .object([("type", .string("text")), ("text", .string(request.userText))]),
                .object([
                    ("type", .string("image_url")),
                    ("image_url", .object([("url", .string(StructuredAnswer.dataURL(image.data, format: image.format)))])),
                ]),
            ])
            imageSent = true
        }

        var members: [(String, JSONValue)] = [
            ("model", .string(request.model)),
            ("messages", .array([
                .object([("role", .string(dialect.systemRole)), ("content", .string(system))]),
                .object([("role", .string("user")), ("content", userContent)]),
            ])),
            (dialect.tokenLimitField, .integer(request.maxOutputTokens)),
        ]
        if let output = request.output {
            members.append(("response_format", Self.responseFormat(output, mode: info.structuredOutput)))
        }
        return (.object(members), imageSent)
    }

    static func responseFormat(_ output: StructuredOutput, mode: StructuredOutputMode) -> JSONValue {
        switch mode {
        case .strictSchema, .bestEffortSchema:
            return .object([
                ("type", .string("json_schema")),
                ("json_schema", .object([
                    ("name", .string(output.name)),
                    ("strict", .bool(mode == .strictSchema)),
                    ("schema", output.schema),
                ])),
            ])
        case .jsonMode:
            return .object([("type", .string("json_object"))])
        }
    }

    // MARK: Response

    func read(_ response: HTTPResponse, request: ModelRequest, info: ModelInfo, imageSent: Bool) throws -> ModelResponse {
        let json = try transport.parseBody(response)
        guard let choice = json["choices"]?.arrayValue?.first, let message = choice["message"] else {
            throw transport.malformed("no `choices[0].message`", body: response.body)
        }
        let finishReason = choice["finish_reason"]?.stringValue
        let content = message["content"]?.stringValue ?? ""

        if let refusal = message["refusal"]?.stringValue, !refusal.isEmpty {
            throw ProviderError.refused(provider, reason: ResponseExcerpt.of(refusal, redacting: [transport.configuration.apiKey]))
        }
        switch finishReason {
        case "content_filter":
            throw ProviderError.safetyBlocked(provider, reason: "the content filter stopped the answer (finish_reason content_filter)")
        case "length":
            throw ProviderError.truncated(provider, maxOutputTokens: request.maxOutputTokens)
        case "insufficient_system_resource":
            throw ProviderError.overloaded(
                provider, retryAfter: nil, detail: "the answer stopped early (finish_reason insufficient_system_resource)")
        default:
            break
        }
        guard !content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ProviderError.emptyAnswer(provider)
        }

        return try StructuredAnswer.response(
            text: content, request: request, usage: usage(in: json), info: info, reportedModel: json["model"]?.stringValue,
            imageSent: imageSent, transport: transport)
    }

    /// Read `usage`: prompt and completion tokens, cached prompt tokens (OpenAI's
    /// `prompt_tokens_details.cached_tokens` or DeepSeek's `prompt_cache_hit_tokens`)
    /// and reasoning tokens, added to the output where the provider leaves them out.
    func usage(in json: JSONValue) -> TokenUsage {
        guard let usage = json["usage"] else { return .zero }
        let prompt = usage["prompt_tokens"]?.intValue ?? 0
        let completion = usage["completion_tokens"]?.intValue ?? 0
        let reasoning = usage["completion_tokens_details"]?["reasoning_tokens"]?.intValue ?? 0
        let cached = usage["prompt_cache_hit_tokens"]?.intValue ?? usage["prompt_tokens_details"]?["cached_tokens"]?.intValue ?? 0
        let output = dialect.completionIncludesReasoning ? completion : completion + reasoning
        return TokenUsage(inputTokens: prompt, cachedInputTokens: cached, outputTokens: output, reasoningTokens: reasoning)
    }
}

/// Error rules shared by the OpenAI-compatible APIs.
enum OpenAICompatibleErrors {
    /// OpenAI's 429 `insufficient_quota` and billing codes mean no quota; `invalid_api_key` means a bad key.
    static func classify(_ failure: ErrorResponse, provider: Provider) -> ProviderError? {
        let code = failure.errorCode ?? ""
        let type = failure.errorType ?? ""
        if ["insufficient_quota", "billing_hard_limit_reached", "billing_not_active"].contains(code)
            || type == "insufficient_quota" {
            return .quotaExhausted(provider, detail: failure.detail)
        }
        if code == "invalid_api_key" {
            return .invalidKey(provider, detail: failure.detail)
        }
        return nil
    }
}
