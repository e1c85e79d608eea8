import Foundation
import Testing
@testable import ParagraphCore

private typealias Support = ProviderTestSupport

/// One failure a provider can return, what it must be classified as, and whether it is retried.
struct ProviderErrorCase: Sendable, CustomTestStringConvertible {
    var provider: Provider
    var name: String
    var reply: MockReply
    /// `ProviderError.kind` of the failure.
    var kind: String
    /// The wait before the retry, or nil when the failure is not retried.
    var retryWait: Duration?

    var testDescription: String { "\(provider.rawValue): \(name)" }

    init(_ provider: Provider, _ name: String, _ reply: MockReply, _ kind: String, retryAfter retryWait: Duration? = nil) {
        self.provider = provider
        self.name = name
        self.reply = reply
        self.kind = kind
        self.retryWait = retryWait
    }

    static let backoff = ProviderTestSupport.firstBackoff

    static func json(_ status: Int, _ body: String, headers: [(String, String)] = []) -> MockReply {
        .json(body, status: status, headers: headers)
    }

    static let all: [ProviderErrorCase] = openAI + anthropic + google + xAI + groq + deepSeek + everyProvider

    static let openAI: [ProviderErrorCase] = [
        .init(.openai, "401 invalid_api_key", MockProviderBodies.invalidKey(.openai), "invalid key"),
        .init(.openai, "429 insufficient_quota", json(429, #"{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}"#), "quota exhausted"),
        .init(.openai, "429 with Retry-After", json(429, #"{"error":{"message":"Rate limit reached for requests","type":"requests","param":null,"code":"rate_limit_exceeded"}}"#, headers: [("Retry-After", "7")]), "rate limited", retryAfter: .seconds(7)),
        .init(.openai, "429 with retry-after-ms", json(429, #"{"error":{"message":"Rate limit reached for tokens","type":"tokens","param":null,"code":"rate_limit_exceeded"}}"#, headers: [("retry-after-ms", "1500"), ("Retry-After", "2")]), "rate limited", retryAfter: .milliseconds(1500)),
        .init(.openai, "500", json(500, #"{"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}}"#), "server error", retryAfter: backoff),
        .init(.openai, "502", .text("<html>Bad gateway</html>", status: 502), "server error", retryAfter: backoff),
        .init(.openai, "503", json(503, #"{"error":{"message":"The engine is currently overloaded, please try again later","type":"server_error","param":null,"code":null}}"#), "overloaded", retryAfter: backoff),
        .init(.openai, "504", .text("Gateway timeout", status: 504), "server error", retryAfter: backoff),
        .init(.openai, "408", .text("Request timeout", status: 408), "timed out", retryAfter: backoff),
        .init(.openai, "501", .text("Not implemented", status: 501), "server error"),
        .init(.openai, "301 redirect, never followed", .text("Moved", status: 301, headers: [("Location", "https://elsewhere.example/v1")]), "malformed response"),
        .init(.openai, "400 unsupported_parameter", json(400, #"{"error":{"message":"Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.","type":"invalid_request_error","param":"max_tokens","code":"unsupported_parameter"}}"#), "bad request"),
        .init(.openai, "400 web_search_options", json(400, #"{"error":{"code":null,"message":"Web search options not supported with this model.","param":"web_search_options","type":"invalid_request_error"}}"#), "bad request"),
    ]

    static let anthropic: [ProviderErrorCase] = [
        .init(.anthropic, "401 authentication_error", MockProviderBodies.invalidKey(.anthropic), "invalid key"),
        .init(.anthropic, "403 permission_error", json(403, #"{"type":"error","error":{"type":"permission_error","message":"Your API key does not have permission to use the specified resource."}}"#), "invalid key"),
        .init(.anthropic, "402 billing_error", json(402, #"{"type":"error","error":{"type":"billing_error","message":"There is an issue with your payment method."}}"#), "quota exhausted"),
        .init(.anthropic, "400 credit balance too low", json(400, #"{"type":"error","error":{"type":"invalid_request_error","message":"Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits."}}"#), "quota exhausted"),
        .init(.anthropic, "429 with retry-after", json(429, #"{"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}}"#, headers: [("retry-after", "2")]), "rate limited", retryAfter: .seconds(2)),
        .init(.anthropic, "429 with retry-after-ms", json(429, #"{"type":"error","error":{"type":"rate_limit_error","message":"Rate limited"}}"#, headers: [("retry-after-ms", "750")]), "rate limited", retryAfter: .milliseconds(750)),
        .init(.anthropic, "529 overloaded_error", json(529, #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#), "overloaded", retryAfter: backoff),
        .init(.anthropic, "500 api_error", json(500, #"{"type":"error","error":{"type":"api_error","message":"Internal server error"}}"#), "server error", retryAfter: backoff),
        .init(.anthropic, "504 timeout_error", json(504, #"{"type":"error","error":{"type":"timeout_error","message":"Request timed out"}}"#), "server error", retryAfter: backoff),
        .init(.anthropic, "400 invalid_request_error", json(400, #"{"error":{"message":"This model does not support effort level 'xhigh'. Supported levels: high, low, max, medium.","type":"invalid_request_error"},"request_id":"req_011mock","type":"error"}"#), "bad request"),
        .init(.anthropic, "404 not_found_error", json(404, #"{"error":{"message":"model: claude-does-not-exist","type":"not_found_error"},"request_id":"req_011mock","type":"error"}"#), "bad request"),
        .init(.anthropic, "413 from the edge, not JSON", .text("<html>413 Request Entity Too Large</html>", status: 413), "bad request"),
    ]

    static let google: [ProviderErrorCase] = [
        .init(.google, "400 API_KEY_INVALID", MockProviderBodies.invalidKey(.google), "invalid key"),
        .init(.google, "403 PERMISSION_DENIED", json(403, #"{"error":{"code":403,"message":"Method doesn't allow unregistered callers.","status":"PERMISSION_DENIED"}}"#), "invalid key"),
        .init(.google, "429 with retryDelay", json(429, #"{"error":{"code":429,"message":"You exceeded your current quota, please check your plan.","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaId":"GenerateRequestsPerMinutePerProjectPerModel-FreeTier"}]},{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"34.4s"}]}}"#), "rate limited", retryAfter: .milliseconds(34_400)),
        .init(.google, "503 UNAVAILABLE", json(503, #"{"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}"#), "overloaded", retryAfter: backoff),
        .init(.google, "500 INTERNAL", json(500, #"{"error":{"code":500,"message":"An internal error has occurred.","status":"INTERNAL"}}"#), "server error", retryAfter: backoff),
        .init(.google, "504 DEADLINE_EXCEEDED", json(504, #"{"error":{"code":504,"message":"The request timed out.","status":"DEADLINE_EXCEEDED"}}"#), "server error", retryAfter: backoff),
        .init(.google, "400 INVALID_ARGUMENT", json(400, #"{"error":{"code":400,"message":"Invalid JSON payload received.","status":"INVALID_ARGUMENT"}}"#), "bad request"),
        .init(.google, "200 prompt blocked", json(200, #"{"promptFeedback":{"blockReason":"PROHIBITED_CONTENT"},"usageMetadata":{"promptTokenCount":9}}"#), "blocked by safety filters"),
        .init(.google, "200 MAX_TOKENS", json(200, #"{"candidates":[{"content":{"parts":[{"text":"{\"title\":"}],"role":"model"},"finishReason":"MAX_TOKENS"}]}"#), "truncated"),
    ]

    static let xAI: [ProviderErrorCase] = [
        .init(.xai, "400 with a string error about the key", MockProviderBodies.invalidKey(.xai), "invalid key"),
        .init(.xai, "403 out of credits", json(403, #"{"code":"The caller does not have permission to execute the specified operation","error":"Your team has either used all available credits or reached its monthly spending limit."}"#), "quota exhausted"),
        .init(.xai, "429 with Retry-After", json(429, #"{"code":"Too many requests","error":"Rate limit exceeded."}"#, headers: [("Retry-After", "3")]), "rate limited", retryAfter: .seconds(3)),
        .init(.xai, "500", json(500, #"{"code":"Internal error","error":"Service temporarily unavailable."}"#), "server error", retryAfter: backoff),
        .init(.xai, "503", json(503, #"{"code":"Unavailable","error":"Service unavailable."}"#), "overloaded", retryAfter: backoff),
        .init(.xai, "410 live search", json(410, #"{"code":"Gone","error":"Live search is deprecated. Please switch to the Agent Tools API."}"#), "bad request"),
        .init(.xai, "400 other argument", json(400, #"{"code":"Client specified an invalid argument","error":"Model grok-99 does not exist."}"#), "bad request"),
    ]

    static let groq: [ProviderErrorCase] = [
        .init(.groq, "401 invalid_api_key", MockProviderBodies.invalidKey(.groq), "invalid key"),
        .init(.groq, "429 with retry-after", json(429, #"{"error":{"message":"Rate limit reached for model on tokens per minute (TPM).","type":"tokens","code":"rate_limit_exceeded"}}"#, headers: [("retry-after", "2")]), "rate limited", retryAfter: .seconds(2)),
        .init(.groq, "503", json(503, #"{"error":{"message":"Service Unavailable","type":"internal_server_error"}}"#), "overloaded", retryAfter: backoff),
        .init(.groq, "500", json(500, #"{"error":{"message":"Internal Server Error","type":"internal_server_error"}}"#), "server error", retryAfter: backoff),
        .init(.groq, "404 model_not_found", json(404, #"{"error":{"code":"model_not_found","message":"The model `non-existent` does not exist or you do not have access to it.","type":"invalid_request_error"}}"#), "bad request"),
        .init(.groq, "400 tool_use_failed", json(400, #"{"error":{"code":"tool_use_failed","failed_generation":"{}","message":"Tool call validation failed","type":"invalid_request_error"}}"#), "bad request"),
    ]

    static let deepSeek: [ProviderErrorCase] = [
        .init(.deepseek, "401", MockProviderBodies.invalidKey(.deepseek), "invalid key"),
        .init(.deepseek, "402 insufficient balance", json(402, #"{"error":{"message":"Insufficient Balance","type":"unknown_error","param":null,"code":"invalid_request_error"}}"#), "quota exhausted"),
        .init(.deepseek, "429 without Retry-After", json(429, #"{"error":{"message":"Rate Limit Reached","type":"rate_limit_error","param":null,"code":"invalid_request_error"}}"#), "rate limited", retryAfter: backoff),
        .init(.deepseek, "503 server overloaded", json(503, #"{"error":{"message":"Server Overloaded","type":"server_error","param":null,"code":null}}"#), "overloaded", retryAfter: backoff),
        .init(.deepseek, "500", json(500, #"{"error":{"message":"Server Error","type":"server_error","param":null,"code":null}}"#), "server error", retryAfter: backoff),
        .init(.deepseek, "422 invalid parameters", json(422, #"{"error":{"message":"Invalid Parameters","type":"invalid_request_error","param":null,"code":"invalid_request_error"}}"#), "bad request"),
        .init(.deepseek, "200 empty answer", .json(MockProviderBodies.deepSeekChat(text: " ", model: "deepseek-v4-flash").serialized()), "empty answer", retryAfter: backoff),
    ]

    /// Failures every provider can meet: a dropped connection and a body that is not JSON.
    static let everyProvider: [ProviderErrorCase] = Provider.allCases.flatMap { provider -> [ProviderErrorCase] in
        [
            .init(provider, "connection dropped", .dropConnection, "unreachable", retryAfter: backoff),
            .init(provider, "200 that is not JSON", .text("<html>maintenance</html>"), "malformed response"),
        ]
    }

    /// A catalog model of the provider that takes the request used here.
    static func model(for provider: Provider) -> String {
        switch provider {
        case .openai: return "gpt-5-mini"
        case .anthropic: return "claude-haiku-4-5"
        case .google: return "gemini-2.5-flash"
        case .xai: return "grok-4-1-fast-reasoning"
        case .groq: return "openai/gpt-oss-120b"
        case .deepseek: return "deepseek-v4-flash"
        }
    }
}

@Suite struct ProviderErrorTests {
    @Test(arguments: ProviderErrorCase.all)
    func failureClassifiedAndRetried(_ errorCase: ProviderErrorCase) async throws {
        let api = try MockProviderAPI(errorCase.provider)
        let adapter = api.adapter(client: try HTTPClient())
        let request = Support.request(model: ProviderErrorCase.model(for: errorCase.provider))

        // One attempt: the failure's kind and message.
        api.enqueue(errorCase.reply)
        let error = try #require(await Support.providerError { try await adapter.complete(request) })
        #expect(error.kind == errorCase.kind)
        #expect(error.provider == errorCase.provider)
        #expect(error.message.contains(errorCase.provider.displayName))
        #expect(!error.message.contains(api.key))

        // Through the retry driver: retried after the expected wait, or thrown at once.
        api.enqueue(errorCase.reply)
        let clock = FakeClock()
        let before = api.completionRequests.count
        if let wait = errorCase.retryWait {
            let response = try await adapter.complete(request, retrying: Support.retryDriver(clock))
            #expect(response.json == api.answer)
            #expect(api.completionRequests.count - before == 2)
            #expect(clock.recordedSleeps == [wait])
        } else {
            let retried = await Support.providerError { try await adapter.complete(request, retrying: Support.retryDriver(clock)) }
            #expect(retried?.kind == errorCase.kind)
            #expect(api.completionRequests.count - before == 1)
            #expect(clock.recordedSleeps.isEmpty)
        }
    }

    @Test(arguments: Provider.allCases)
    func wrongKeyRejectedWithoutEchoingIt(_ provider: Provider) async throws {
        let api = try MockProviderAPI(provider)
        let wrongKey = MockProviderAPI.fakeKey(for: provider)
        let error = try #require(await Support.providerError {
            try await api.adapter(client: try HTTPClient(), key: wrongKey).complete(Support.request(model: ProviderErrorCase.model(for: provider)))
        })

        #expect(error.kind == "invalid key")
        #expect(error.classifiedFailure.failureClass == .invalidKey)
        #expect(error.message.contains("paragraph keys set \(provider.rawValue)"))
        #expect(error.message.contains(provider.keyManagementURL))
        #expect(!error.message.contains(wrongKey))
    }

    @Test(arguments: Provider.allCases)
    func keyInErrorBodyRedacted(_ provider: Provider) async throws {
        let api = try MockProviderAPI(provider)
        api.enqueue(.json(#"{"error":{"message":"Bad request for key \#(api.key)","type":"invalid_request_error"}}"#, status: 400))
        let error = try #require(await Support.providerError {
            try await api.adapter(client: try HTTPClient()).complete(Support.request(model: ProviderErrorCase.model(for: provider)))
        })

        #expect(!error.message.contains(api.key))
        #expect(error.message.contains("[redacted]"))
    }

    @Test(arguments: Provider.allCases)
    func keyInMalformedBodyRedacted(_ provider: Provider) async throws {
        let api = try MockProviderAPI(provider)
        api.enqueue(.text("proxy error: upstream rejected \(api.key)"))
        let error = try #require(await Support.providerError {
            try await api.adapter(client: try HTTPClient()).complete(Support.request(model: ProviderErrorCase.model(for: provider)))
        })

        #expect(error.kind == "malformed response")
        #expect(!error.message.contains(api.key))
        #expect(error.message.contains("proxy error: upstream rejected [redacted]"))
    }

    @Test(arguments: Provider.allCases)
    func slowServerTimesOut(_ provider: Provider) async throws {
        let api = try MockProviderAPI(provider)
        api.enqueue(MockReply(status: 200, body: Data("{}".utf8), delay: .seconds(3)))
        let client = try HTTPClient(configuration: .init(timeout: .milliseconds(200)))
        let error = try #require(await Support.providerError {
            try await api.adapter(client: client).complete(Support.request(model: ProviderErrorCase.model(for: provider)))
        })

        #expect(error.kind == "timed out")
        #expect(error.classifiedFailure.failureClass.isRetryable)
    }

    @Test func retryAfterLongerThanBudgetGivesUp() async throws {
        let api = try MockProviderAPI(.openai)
        api.enqueue(.json(#"{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}"#, status: 429, headers: [("Retry-After", "600")]))
        let clock = FakeClock()
        do {
            _ = try await api.adapter(client: try HTTPClient())
                .complete(Support.request(model: "gpt-5-mini"), retrying: Support.retryDriver(clock))
            Issue.record("expected the retries to end")
        } catch let error as RetriesExhaustedError {
            #expect(error.reason == .waitExceedsBudget(wait: .seconds(600), remaining: .seconds(120)))
            #expect((error.lastError as? ProviderError)?.kind == "rate limited")
        }
        #expect(clock.recordedSleeps.isEmpty)
        #expect(api.completionRequests.count == 1)
    }

    @Test func plainHTTPToRemoteHostRejectedBeforeSending() async throws {
        let configuration = ProviderConfiguration(provider: .openai, apiKey: "sk-test-x", baseURL: "http://example.com/v1", client: try HTTPClient())
        let error = try #require(await Support.providerError { try await makeModelProvider(configuration).complete(Support.request(model: "gpt-5-mini")) })

        #expect(error == .connectionFailed(.openai, .plainHTTPToNonLoopbackHost("example.com")))
        #expect(error.classifiedFailure.failureClass == .invalidRequest)
    }

    @Test func unreachableServerIsConnectionFailure() async throws {
        // A reserved port refuses connections and cannot be taken over by another test's mock.
        let refused = try ReservedPort()
        let configuration = ProviderConfiguration(provider: .groq, apiKey: "gsk_test", baseURL: refused.baseURL, client: try HTTPClient())
        let error = try #require(await Support.providerError { try await makeModelProvider(configuration).listModels() })

        #expect(error.kind == "unreachable")
        #expect(error.classifiedFailure.failureClass == .connectionFailed)
        withExtendedLifetime(refused) {}
    }
}
