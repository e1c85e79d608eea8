import Foundation

/// Sends an adapter's requests with its auth headers and turns every failure into a `ProviderError`.
struct ProviderTransport: Sendable {
    let configuration: ProviderConfiguration
    /// The headers that carry the key and any API version.
    let authHeaders: HTTPHeaders
    /// The provider's own rules for an error response, tried before the rules by status.
    let classify: @Sendable (ErrorResponse) -> ProviderError?

    var provider: Provider { configuration.provider }

    /// POST `body` as JSON to `path` below the base URL and return the 2xx response.
    func post(_ path: String, body: JSONValue) async throws -> HTTPResponse {
        var headers = authHeaders
        headers.set(name: "Content-Type", value: "application/json")
        headers.set(name: "Accept", value: "application/json")
        return try await send(HTTPRequest(
            method: .post, url: url(path), headers: headers, body: body.serializedData,
            secretHeaderValues: [configuration.apiKey]))
    }

    /// GET `path` below the base URL, with an optional query, and return the 2xx response.
    func get(_ path: String, query: [(String, String)] = []) async throws -> HTTPResponse {
        var headers = authHeaders
        headers.set(name: "Accept", value: "application/json")
        var target = url(path)
        if !query.isEmpty {
            let encoded = query.map { Self.percentEncode($0.0) + "=" + Self.percentEncode($0.1) }
            target += "?" + encoded.joined(separator: "&")
        }
        return try await send(HTTPRequest(method: .get, url: target, headers: headers, secretHeaderValues: [configuration.apiKey]))
    }

    /// Parse a 2xx body as JSON, or throw `malformedResponse` with an excerpt.
    func parseBody(_ response: HTTPResponse) throws -> JSONValue {
        do {
            return try JSONValue.parse(response.body)
        } catch {
            throw malformed("the body is not JSON: \(error.reason)", body: response.body)
        }
    }

    func malformed(_ problem: String, body: Data) -> ProviderError {
        .malformedResponse(provider, problem: problem, excerpt: ResponseExcerpt.of(body, redacting: [configuration.apiKey]))
    }

    func malformed(_ problem: String, text: String) -> ProviderError {
        .malformedResponse(provider, problem: problem, excerpt: ResponseExcerpt.of(text, redacting: [configuration.apiKey]))
    }

    /// Escape a model id or query value so it stays one path segment or one parameter.
    static func percentEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    private func url(_ path: String) -> String {
        var base = configuration.baseURL
        while base.hasSuffix("/") { base.removeLast() }
        return base + path
    }

    private func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let response: HTTPResponse
        do {
            response = try await configuration.client.send(request)
        } catch let error as HTTPError {
            if case .timedOut(let detail) = error {
                throw ProviderError.timedOut(provider, detail: detail)
            }
            throw ProviderError.connectionFailed(provider, error)
        }
        guard response.isSuccess else {
            throw classifyFailure(response)
        }
        return response
    }

    private func classifyFailure(_ response: HTTPResponse) -> ProviderError {
        let failure = ErrorResponse(response: response, secrets: [configuration.apiKey], now: configuration.now())
        if let specific = classify(failure) {
            return specific
        }
        return failure.classifiedByStatus(provider)
    }
}

/// A non-2xx response, with the fields of the common error envelopes.
struct ErrorResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: Data
    /// The body parsed as JSON, when it is JSON.
    var json: JSONValue?
    /// The wait from `retry-after-ms`, `Retry-After` or Gemini's `RetryInfo.retryDelay`.
    var retryAfter: Duration?
    /// `HTTP <status>: <message>`, with the message from the body or a short excerpt of it, key removed.
    var detail: String

    init(response: HTTPResponse, secrets: [String], now: Date) {
        status = response.status
        headers = response.headers
        body = response.body
        json = try? JSONValue.parse(response.body)
        retryAfter = RetryAfter.delay(in: response.headers, now: now) ?? RetryAfter.googleRetryDelay(inErrorBody: response.body)

        let message = Self.message(in: json)
        let quoted = message.map { ResponseExcerpt.of($0, redacting: secrets, limit: 300) }
            ?? ResponseExcerpt.of(response.body, redacting: secrets)
        detail = "HTTP \(response.status): \(quoted)"
    }

    /// `error.message` (OpenAI, Anthropic, Gemini, Groq, DeepSeek) or a string `error` (xAI).
    static func message(in json: JSONValue?) -> String? {
        guard let error = json?["error"] else { return nil }
        if let text = error.stringValue { return text }
        return error["message"]?.stringValue
    }

    /// The `error` object's `code` or, for xAI's string errors, the top-level `code`, as text.
    var errorCode: String? {
        guard let json else { return nil }
        let code = json["error"]?["code"] ?? json["code"]
        switch code {
        case .string(let text): return text
        case .number(let text): return text
        default: return nil
        }
    }

    /// The `error` object's `type` (OpenAI, Anthropic, Groq) or `status` (Gemini).
    var errorType: String? {
        json?["error"]?["type"]?.stringValue ?? json?["error"]?["status"]?.stringValue
    }

    var message: String? { Self.message(in: json) }

    /// Classify by status alone, for whatever the provider's own rules left.
    func classifiedByStatus(_ provider: Provider) -> ProviderError {
        // A 403 about money is an exhausted account, not a bad key (xAI returns one when credits run out).
        let lowered = (message ?? "").lowercased()
        if status == 403, ["credit", "billing", "spending limit", "balance"].contains(where: lowered.contains) {
            return .quotaExhausted(provider, detail: detail)
        }
        switch status {
        case 401, 403:
            return .invalidKey(provider, detail: detail)
        case 402:
            return .quotaExhausted(provider, detail: detail)
        case 408:
            return .timedOut(provider, detail: detail)
        case 429:
            return .rateLimited(provider, retryAfter: retryAfter, detail: detail)
        case 503, 529:
            return .overloaded(provider, retryAfter: retryAfter, detail: detail)
        case 500..<600:
            return .serverError(provider, status: status, retryAfter: retryAfter, detail: detail)
        case 400..<500:
            return .badRequest(provider, status: status, detail: detail)
        default:
            let location = headers["location"].map { " to \($0)" } ?? ""
            return .malformedResponse(provider, problem: "unexpected HTTP \(status)\(location)", excerpt: detail)
        }
    }
}
