import Foundation

/// Google AI (Gemini API): `POST /models/{model}:generateContent` with `x-goog-api-key`.
///
/// Structured output sets `responseMimeType` to JSON and `responseJsonSchema` to the
/// schema. Images go as `inline_data` parts. Gemini reports blocked prompts, safety
/// stops and output-limit stops with HTTP 200, often with no answer parts at all, so
/// the body is checked before any text is read.
public struct GoogleProvider: ModelProvider {
    public var provider: Provider { .google }
    let transport: ProviderTransport

    /// Finish reasons that mean a filter stopped the answer.
    static let blockingFinishReasons: Set<String> = [
        "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY",
    ]

    public init(_ configuration: ProviderConfiguration) {
        transport = ProviderTransport(
            configuration: configuration, authHeaders: ["x-goog-api-key": configuration.apiKey],
            classify: GoogleProvider.classify)
    }

    public func complete(_ request: ModelRequest) async throws -> ModelResponse {
        let info = transport.configuration.modelInfo(request.model)
        let (body, imageSent) = makeBody(request, info: info)
        let path = "/models/\(ProviderTransport.percentEncode(request.model)):generateContent"
        let response = try await transport.post(path, body: body)
        return try read(response, request: request, info: info, imageSent: imageSent)
    }

    /// `GET /models`, following `nextPageToken`, returning the ids of models that can `generateContent`.
    public func listModels() async throws -> [String] {
        var ids: [String] = []
        var pageToken: String?
        // A bound on pages, so a server that always returns a token cannot loop forever.
        for _ in 0..<50 {
            var query = [("pageSize", "1000")]
            if let pageToken { query.append(("pageToken", pageToken)) }
            let response = try await transport.get("/models", query: query)
            let json = try transport.parseBody(response)
            guard let models = json["models"]?.arrayValue else {
                throw transport.malformed("no `models` list", body: response.body)
            }
            for model in models {
                guard let name = model["name"]?.stringValue else { continue }
                if let methods = model["supportedGenerationMethods"]?.arrayValue,
                   !methods.contains(.string("generateContent")) {
                    continue
                }
                ids.append(name.hasPrefix("models/") ? String(name.dropFirst("models/".count)) : name)
            }
            guard let next = json["nextPageToken"]?.stringValue, !next.isEmpty else { break }
            pageToken = next
        }
        return ids
    }

    // MARK: Request

    func makeBody(_ request: ModelRequest, info: ModelInfo) -> (JSONValue, imageSent: Bool) {
        var parts: [JSONValue] = []
        var imageSent = false
        if info.acceptsImages, let data = request.image, let image = ImagePolicy.gemini.accept(data) {
            parts.append(.object([("inline_data", .object([
                ("mime_type", .string(image.format.mediaType)),
                ("data", .string(image.data.base64EncodedString())),
            ]))]))
            imageSent = true
        }
        parts.append(.object([("text", .string(request.userText))]))

        var generationConfig: [(String, JSONValue)] = [("maxOutputTokens", .integer(request.maxOutputTokens))]
        if let output = request.output {
            generationConfig.append(("responseMimeType", .string("application/json")))
            if info.structuredOutput != .jsonMode {
                generationConfig.append(("responseJsonSchema", output.schema))
            }
        }

        var members: [(String, JSONValue)] = []
        let system = StructuredAnswer.systemPrompt(request, mode: info.structuredOutput)
        if !system.isEmpty {
            members.append(("systemInstruction", .object([("parts", .array([.object([("text", .string(system))])]))])))
        }
        members.append(("contents", .array([.object([("role", .string("user")), ("parts", .array(parts))])])))
        members.append(("generationConfig", .object(generationConfig)))
        return (.object(members), imageSent)
    }

    // MARK: Response

    func read(_ response: HTTPResponse, request: ModelRequest, info: ModelInfo, imageSent: Bool) throws -> ModelResponse {
        let json = try transport.parseBody(response)
        let secrets = [transport.configuration.apiKey]

        guard let candidate = json["candidates"]?.arrayValue?.first else {
            if let feedback = json["promptFeedback"], let blockReason = feedback["blockReason"]?.stringValue {
                var reason = "the prompt was blocked (\(blockReason))"
                if let message = feedback["blockReasonMessage"]?.stringValue {
                    reason += ": " + ResponseExcerpt.of(message, redacting: secrets)
                }
                throw ProviderError.safetyBlocked(provider, reason: reason)
            }
            throw transport.malformed("no `candidates`", body: response.body)
        }

        let finishReason = candidate["finishReason"]?.stringValue ?? ""
        if Self.blockingFinishReasons.contains(finishReason) {
            let categories = (candidate["safetyRatings"]?.arrayValue ?? [])
                .filter { $0["blocked"] == .bool(true) }
                .compactMap { $0["category"]?.stringValue }
            let which = categories.isEmpty ? "" : " in " + categories.joined(separator: ", ")
            throw ProviderError.safetyBlocked(provider, reason: "the answer was stopped (finishReason \(finishReason))\(which)")
        }
        if finishReason == "MAX_TOKENS" {
            throw ProviderError.truncated(provider, maxOutputTokens: request.maxOutputTokens)
        }

        // Thought summaries are parts marked `thought: true`; they are not the answer.
        let parts = candidate["content"]?["parts"]?.arrayValue ?? []
        let text = parts.filter { $0["thought"] != .bool(true) }.compactMap { $0["text"]?.stringValue }.joined()
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ProviderError.emptyAnswer(provider)
        }
        return try StructuredAnswer.response(
            text: text, request: request, usage: Self.usage(in: json), info: info,
            reportedModel: json["modelVersion"]?.stringValue, imageSent: imageSent, transport: transport)
    }

    /// Thinking tokens are billed as output but reported apart from `candidatesTokenCount`,
    /// and search grounding adds `toolUsePromptTokenCount` to the input. Zero counts are left out of the body.
    static func usage(in json: JSONValue) -> TokenUsage {
        guard let usage = json["usageMetadata"] else { return .zero }
        let prompt = (usage["promptTokenCount"]?.intValue ?? 0) + (usage["toolUsePromptTokenCount"]?.intValue ?? 0)
        let thoughts = usage["thoughtsTokenCount"]?.intValue ?? 0
        return TokenUsage(
            inputTokens: prompt, cachedInputTokens: usage["cachedContentTokenCount"]?.intValue ?? 0,
            outputTokens: (usage["candidatesTokenCount"]?.intValue ?? 0) + thoughts, reasoningTokens: thoughts)
    }

    /// Gemini rejects an invalid key with 400 `INVALID_ARGUMENT` and the reason `API_KEY_INVALID` in `error.details`.
    static func classify(_ failure: ErrorResponse) -> ProviderError? {
        let reasons = (failure.json?["error"]?["details"]?.arrayValue ?? []).compactMap { $0["reason"]?.stringValue }
        if reasons.contains(where: { $0.hasPrefix("API_KEY_") }) {
            return .invalidKey(.google, detail: failure.detail)
        }
        return nil
    }
}
