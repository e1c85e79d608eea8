import Foundation
@testable import ParagraphCore

/// One of the six provider APIs, faked on a loopback `MockHTTPServer`.
///
/// Like the real API, it checks each request's path, auth header and body shape. A
/// wrong key or a malformed body gets that provider's own error body, and a good
/// request gets a body modelled on a recorded response of that provider. Tests can queue other replies for the next requests to the completion endpoint.
final class MockProviderAPI: @unchecked Sendable {
    let provider: Provider
    let server: MockHTTPServer
    /// A generated fake key; never a real one.
    let key: String
    /// The base URL as `byok.yaml` would set it for this mock.
    let baseURL: String

    private let lock = NSLock()
    private var queuedReplies: [MockReply] = []
    private var storedAnswer: JSONValue = .object([("title", .string("A mock title")), ("description", .string("A mock description."))])
    private var storedModels: [String]

    init(_ provider: Provider) throws {
        self.provider = provider
        server = try MockHTTPServer()
        key = Self.fakeKey(for: provider)
        baseURL = server.baseURL + Self.basePath(provider)
        storedModels = ModelCatalog.standard.models(of: provider).prefix(3).map(\.id)
        server.fallback { [unowned self] request in self.handle(request) }
    }

    /// A key of the provider's usual shape, made from random hex digits.
    static func fakeKey(for provider: Provider) -> String {
        let random = (0..<32).map { _ in String(Int.random(in: 0..<16), radix: 16) }.joined()
        switch provider {
        case .openai: return "sk-test-" + random
        case .anthropic: return "sk-ant-test-" + random
        case .google: return "AIzaTest" + random
        case .xai: return "xai-test-" + random
        case .groq: return "gsk_test" + random
        case .deepseek: return "sk-" + random
        }
    }

    /// The path part of the provider's documented base URL.
    static func basePath(_ provider: Provider) -> String {
        URL(string: provider.defaultBaseURL)!.path
    }

    func configuration(client: HTTPClient, key overridingKey: String? = nil) -> ProviderConfiguration {
        ProviderConfiguration(
            provider: provider, apiKey: overridingKey ?? key, baseURL: baseURL, client: client,
            now: { Date(timeIntervalSince1970: 1_780_000_000) })
    }

    func adapter(client: HTTPClient, key overridingKey: String? = nil) -> any ModelProvider {
        makeModelProvider(configuration(client: client, key: overridingKey))
    }

    /// The answer object that successful completions carry.
    var answer: JSONValue {
        get { lock.withLock { storedAnswer } }
        set { lock.withLock { storedAnswer = newValue } }
    }

    /// The model ids the model-listing endpoint returns.
    var models: [String] {
        get { lock.withLock { storedModels } }
        set { lock.withLock { storedModels = newValue } }
    }

    /// Reply to the next requests to the completion endpoint with these replies, in order,
    /// after their path and auth header were checked.
    func enqueue(_ replies: MockReply...) {
        lock.withLock { queuedReplies += replies }
    }

    /// Requests to the completion endpoint, in order.
    var completionRequests: [MockRequest] {
        server.requests.filter { $0.method == "POST" }
    }

    /// The body of the last completion request, parsed.
    func lastBody() throws -> JSONValue {
        guard let request = completionRequests.last else { throw MockProviderError.noRequest }
        return try JSONValue.parse(request.body)
    }

    // MARK: Dispatch

    private func handle(_ request: MockRequest) -> MockReply {
        let base = Self.basePath(provider)
        guard request.path.hasPrefix(base) else {
            return .text("no route for \(request.path)", status: 404)
        }
        let path = String(request.path.dropFirst(base.count))
        if let failure = checkAuth(request) {
            return failure
        }
        switch (request.method, path) {
        case ("GET", modelsPath):
            return modelList()
        case ("POST", _) where isCompletionPath(path):
            if let queued = lock.withLock({ queuedReplies.isEmpty ? nil : queuedReplies.removeFirst() }) {
                return queued
            }
            return completion(request)
        default:
            return .text("no route for \(request.method) \(request.path)", status: 404)
        }
    }

    private var modelsPath: String {
        provider == .anthropic ? "/v1/models" : "/models"
    }

    private func isCompletionPath(_ path: String) -> Bool {
        switch provider {
        case .anthropic: return path == "/v1/messages"
        case .google: return path.hasPrefix("/models/") && path.hasSuffix(":generateContent")
        case .openai: return path == "/chat/completions" || path == "/responses"
        case .xai, .groq, .deepseek: return path == "/chat/completions"
        }
    }

    // MARK: Auth

    private func checkAuth(_ request: MockRequest) -> MockReply? {
        switch provider {
        case .openai, .xai, .groq, .deepseek:
            return request.headers["authorization"] == "Bearer \(key)" ? nil : MockProviderBodies.invalidKey(provider)
        case .anthropic:
            guard request.headers["x-api-key"] == key else { return MockProviderBodies.invalidKey(provider) }
            guard request.headers["anthropic-version"] == "2023-06-01" else {
                return MockProviderBodies.badRequest(provider, "anthropic-version: header is required")
            }
            return nil
        case .google:
            guard request.headers["x-goog-api-key"] == key, !request.target.contains("key=") else {
                return MockProviderBodies.invalidKey(provider)
            }
            return nil
        }
    }

    // MARK: Replies

    private func modelList() -> MockReply {
        let ids = models
        switch provider {
        case .google:
            let entries = ids.map { JSONValue.object([
                ("name", .string("models/" + $0)), ("supportedGenerationMethods", .array([.string("generateContent")])),
            ]) }
            return .json(JSONValue.object([("models", .array(entries))]).serialized())
        case .anthropic:
            let entries = ids.map { JSONValue.object([("type", .string("model")), ("id", .string($0))]) }
            return .json(JSONValue.object([
                ("data", .array(entries)), ("has_more", .bool(false)), ("first_id", ids.first.map(JSONValue.string) ?? .null),
                ("last_id", ids.last.map(JSONValue.string) ?? .null),
            ]).serialized())
        default:
            let entries = ids.map { JSONValue.object([("id", .string($0)), ("object", .string("model")), ("owned_by", .string("mock"))]) }
            return .json(JSONValue.object([("object", .string("list")), ("data", .array(entries))]).serialized())
        }
    }

    private func completion(_ request: MockRequest) -> MockReply {
        let body: JSONValue
        do {
            body = try JSONValue.parse(request.body)
        } catch {
            return MockProviderBodies.badRequest(provider, "the body is not valid JSON")
        }
        if let problem = MockProviderShape.problem(in: body, provider: provider, path: request.path) {
            return MockProviderBodies.badRequest(provider, problem)
        }
        let model = body["model"]?.stringValue ?? request.path.split(separator: "/").last.map {
            String($0.split(separator: ":").first ?? "")
        } ?? ""
        if provider == .anthropic {
            guard let tool = body["tool_choice"]?["name"]?.stringValue else {
                return .json(MockProviderBodies.anthropicText([answer.serialized()], model: model).serialized())
            }
            return .json(MockProviderBodies.anthropicToolUse(input: answer, model: model, name: tool).serialized())
        }
        if request.path.hasSuffix("/responses") {
            return .json(MockProviderBodies.responsesSuccess(answer: answer, model: model).serialized())
        }
        return .json(MockProviderBodies.success(provider, answer: answer, model: model).serialized())
    }
}

enum MockProviderError: Error {
    case noRequest
}

/// The body checks each fake API makes, like the real one, before it answers.
enum MockProviderShape {
    static func problem(in body: JSONValue, provider: Provider, path: String) -> String? {
        switch provider {
        case .openai where path.hasSuffix("/responses"):
            return require(body, ["model", "input", "max_output_tokens"], forbidden: ["max_tokens", "response_format"])
        case .openai, .xai, .groq:
            return require(body, ["model", "messages", "max_completion_tokens"], forbidden: ["max_tokens"])
                ?? checkResponseFormat(body)
        case .deepseek:
            if let missing = require(body, ["model", "messages", "max_tokens"], forbidden: []) { return missing }
            let messages = body["messages"]?.serialized().lowercased() ?? ""
            if body["response_format"]?["type"]?.stringValue == "json_object", !messages.contains("json") {
                return "Prompt must contain the word 'json' in some form to use 'response_format' of type 'json_object'."
            }
            return checkResponseFormat(body)
        case .anthropic:
            if let missing = require(body, ["model", "max_tokens", "messages"], forbidden: []) { return missing }
            if body["tools"] != nil, body["tool_choice"]?["type"]?.stringValue != "tool" {
                return "tool_choice: expected a forced tool"
            }
            return nil
        case .google:
            if let missing = require(body, ["contents", "generationConfig"], forbidden: ["model"]) { return missing }
            return body["generationConfig"]?["maxOutputTokens"]?.intValue == nil ? "generationConfig.maxOutputTokens is missing" : nil
        }
    }

    private static func require(_ body: JSONValue, _ fields: [String], forbidden: [String]) -> String? {
        for field in fields where body[field] == nil {
            return "\(field): Field required"
        }
        for field in forbidden where body[field] != nil {
            return "Unsupported parameter: '\(field)'"
        }
        return nil
    }

    private static func checkResponseFormat(_ body: JSONValue) -> String? {
        guard let format = body["response_format"] else { return nil }
        switch format["type"]?.stringValue {
        case "json_object":
            return nil
        case "json_schema":
            guard let schema = format["json_schema"], schema["name"]?.stringValue != nil, schema["schema"]?.isObject == true else {
                return "response_format.json_schema needs a name and a schema"
            }
            return nil
        default:
            return "response_format.type is invalid"
        }
    }
}
