import Foundation

/// Turns a model's answer text into the `ModelResponse` the caller asked for.
enum StructuredAnswer {
    /// The instruction added to the system prompt of a model that only has a JSON mode.
    ///
    /// DeepSeek's JSON mode also needs the word "json" in the prompt, which this contains.
    static func jsonModeInstruction(for output: StructuredOutput) -> String {
        var text = "Answer with one JSON object and nothing else: no Markdown, no code fence, no comments. "
            + "The object must match this JSON Schema:\n" + output.schema.serialized()
        if let example = output.example {
            text += "\nAn example of a valid answer:\n" + example.serialized()
        }
        return text
    }

    /// The system prompt, with the JSON instruction appended when the model needs it in the prompt.
    static func systemPrompt(_ request: ModelRequest, mode: StructuredOutputMode) -> String {
        guard let output = request.output, mode == .jsonMode else { return request.systemPrompt }
        let base = request.systemPrompt.trimmingCharacters(in: .whitespacesAndNewlines)
        return base.isEmpty ? jsonModeInstruction(for: output) : base + "\n\n" + jsonModeInstruction(for: output)
    }

    /// Parse the answer as a JSON object when the request asked for one.
    ///
    /// A Markdown code fence around the object is removed first, because models in a
    /// JSON mode sometimes add one.
    static func response(
        text: String, request: ModelRequest, usage: TokenUsage, info: ModelInfo, reportedModel: String?,
        imageSent: Bool, transport: ProviderTransport, citations: [Citation] = []
    ) throws -> ModelResponse {
        guard request.output != nil else {
            return ModelResponse(
                text: text, usage: usage, costUSD: info.cost(of: usage), reportedModel: reportedModel, imageSent: imageSent,
                citations: citations)
        }
        let unfenced = removingCodeFence(text)
        let json: JSONValue
        do {
            json = try JSONValue.parse(unfenced)
        } catch {
            throw transport.malformed("the answer is not JSON: \(error.reason)", text: text)
        }
        guard json.isObject else {
            throw transport.malformed("the answer is JSON but not an object", text: text)
        }
        return ModelResponse(
            text: unfenced, json: json, usage: usage, costUSD: info.cost(of: usage), reportedModel: reportedModel,
            imageSent: imageSent, citations: citations)
    }

    static func removingCodeFence(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("```"), trimmed.hasSuffix("```"), trimmed.count >= 6 else { return trimmed }
        var inner = trimmed.dropFirst(3).dropLast(3)
        // Drop an info string such as `json` on the opening line.
        if let newline = inner.firstIndex(of: "\n") {
            let info = inner[..<newline].trimmingCharacters(in: .whitespaces)
            if info.allSatisfy({ $0.isLetter }) {
                inner = inner[inner.index(after: newline)...]
            }
        }
        return inner.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// An image as a `data:` URL, the form OpenAI-style APIs take inline.
    static func dataURL(_ data: Data, format: ImageFormat) -> String {
        "data:\(format.mediaType);base64,\(data.base64EncodedString())"
    }
}
