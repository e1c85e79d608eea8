import Foundation

/// The request and response of OpenAI's Responses API (`POST /responses`) with web search.
enum OpenAIResponsesBody {
    static func make(_ request: ModelRequest, info: ModelInfo) -> (JSONValue, imageSent: Bool) {
        var content: [JSONValue] = [.object([("type", .string("input_text")), ("text", .string(request.userText))])]
        var imageSent = false
        if info.acceptsImages, let data = request.image, let image = ImagePolicy.openAI.accept(data) {
            content.append(.object([
                ("type", .string("input_image")),
                ("image_url", .string(StructuredAnswer.dataURL(image.data, format: image.format))),
            ]))
            imageSent = true
        }

        var members: [(String, JSONValue)] = [
            ("model", .string(request.model)),
            ("instructions", .string(StructuredAnswer.systemPrompt(request, mode: info.structuredOutput))),
            ("input", .array([.object([("role", .string("user")), ("content", .array(content))])])),
            ("tools", .array([.object([("type", .string("web_search"))])])),
            ("max_output_tokens", .integer(request.maxOutputTokens)),
        ]
        if let output = request.output {
            // The Responses API flattens the schema into `text.format`, unlike Chat Completions.
            let format: JSONValue = info.structuredOutput == .jsonMode
                ? .object([("type", .string("json_object"))])
                : .object([
                    ("type", .string("json_schema")),
                    ("name", .string(output.name)),
                    ("strict", .bool(info.structuredOutput == .strictSchema)),
                    ("schema", output.schema),
                ])
            members.append(("text", .object([("format", format)])))
        }
        return (.object(members), imageSent)
    }

    /// Walk `output[]` for the message's `output_text` parts, because the wire format
    /// has no `output_text` shortcut and reasoning and search items come first.
    static func read(
        _ response: HTTPResponse, request: ModelRequest, info: ModelInfo, imageSent: Bool, transport: ProviderTransport
    ) throws -> ModelResponse {
        let provider = transport.provider
        let json = try transport.parseBody(response)
        let secrets = [transport.configuration.apiKey]

        switch json["status"]?.stringValue {
        case "incomplete":
            let reason = json["incomplete_details"]?["reason"]?.stringValue ?? "unknown"
            if reason == "content_filter" {
                throw ProviderError.safetyBlocked(provider, reason: "the content filter stopped the answer (incomplete: content_filter)")
            }
            guard reason != "max_output_tokens" else {
                throw ProviderError.truncated(provider, maxOutputTokens: request.maxOutputTokens)
            }
            throw transport.malformed("the response is incomplete: \(reason)", body: response.body)
        case "failed":
            let code = json["error"]?["code"]?.stringValue ?? "unknown"
            let message = json["error"]?["message"]?.stringValue ?? ""
            throw ProviderError.serverError(
                provider, status: 500, retryAfter: nil,
                detail: ResponseExcerpt.of("the response failed: \(code) \(message)", redacting: secrets))
        default:
            break
        }

        var text = ""
        var citations: [Citation] = []
        for item in json["output"]?.arrayValue ?? [] where item["type"]?.stringValue == "message" {
            for part in item["content"]?.arrayValue ?? [] {
                switch part["type"]?.stringValue {
                case "output_text":
                    text += part["text"]?.stringValue ?? ""
                    for annotation in part["annotations"]?.arrayValue ?? [] where annotation["type"]?.stringValue == "url_citation" {
                        if let url = annotation["url"]?.stringValue {
                            citations.append(Citation(url: url, title: annotation["title"]?.stringValue))
                        }
                    }
                case "refusal":
                    throw ProviderError.refused(
                        provider, reason: ResponseExcerpt.of(part["refusal"]?.stringValue ?? "", redacting: secrets))
                default:
                    continue
                }
            }
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ProviderError.emptyAnswer(provider)
        }

        let usage = json["usage"]
        let tokens = TokenUsage(
            inputTokens: usage?["input_tokens"]?.intValue ?? 0,
            cachedInputTokens: usage?["input_tokens_details"]?["cached_tokens"]?.intValue ?? 0,
            outputTokens: usage?["output_tokens"]?.intValue ?? 0,
            reasoningTokens: usage?["output_tokens_details"]?["reasoning_tokens"]?.intValue ?? 0)
        return try StructuredAnswer.response(
            text: text, request: request, usage: tokens, info: info, reportedModel: json["model"]?.stringValue,
            imageSent: imageSent, transport: transport, citations: citations)
    }
}
