import Foundation

/// A failed request to a provider, in terms a user can act on.
///
/// Details quoted from a provider's response have the API key removed before they
/// are stored here, so `message` never contains a key.
public enum ProviderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The provider rejected the API key: 401, 403, Gemini's 400 `API_KEY_INVALID` or xAI's 400 about the key.
    case invalidKey(Provider, detail: String)
    /// Quota, credit or billing is exhausted, such as OpenAI's 429 `insufficient_quota` or a 402.
    case quotaExhausted(Provider, detail: String)
    /// A rate limit that passes with time.
    case rateLimited(Provider, retryAfter: Duration?, detail: String)
    /// The provider is overloaded: Anthropic's 529, a 503, or DeepSeek's `insufficient_system_resource`.
    case overloaded(Provider, retryAfter: Duration?, detail: String)
    /// Any other server failure, with its status.
    case serverError(Provider, status: Int, retryAfter: Duration?, detail: String)
    /// No answer in time: the client's timeout passed or the server answered 408.
    case timedOut(Provider, detail: String)
    /// The connection failed or broke, or the client rejected the request before sending it.
    case connectionFailed(Provider, HTTPError)
    /// The provider rejected the request itself, such as 400, 404 or 422.
    case badRequest(Provider, status: Int, detail: String)
    /// The provider's safety filters blocked the prompt or the answer.
    case safetyBlocked(Provider, reason: String)
    /// The answer stopped at the output limit before it was complete.
    case truncated(Provider, maxOutputTokens: Int)
    /// The model declined to answer.
    case refused(Provider, reason: String)
    /// The model finished without any answer text, as DeepSeek's JSON mode occasionally does.
    case emptyAnswer(Provider)
    /// The response could not be read, with a short excerpt of it.
    case malformedResponse(Provider, problem: String, excerpt: String)

    public var provider: Provider {
        switch self {
        case .invalidKey(let provider, _), .quotaExhausted(let provider, _), .rateLimited(let provider, _, _),
             .overloaded(let provider, _, _), .serverError(let provider, _, _, _), .timedOut(let provider, _),
             .connectionFailed(let provider, _), .badRequest(let provider, _, _), .safetyBlocked(let provider, _),
             .truncated(let provider, _), .refused(let provider, _), .emptyAnswer(let provider),
             .malformedResponse(let provider, _, _):
            return provider
        }
    }

    /// A short name of the kind of failure, for tables and `--json` output.
    public var kind: String {
        switch self {
        case .invalidKey: return "invalid key"
        case .quotaExhausted: return "quota exhausted"
        case .rateLimited: return "rate limited"
        case .overloaded: return "overloaded"
        case .serverError: return "server error"
        case .timedOut: return "timed out"
        case .connectionFailed: return "unreachable"
        case .badRequest: return "bad request"
        case .safetyBlocked: return "blocked by safety filters"
        case .truncated: return "truncated"
        case .refused: return "refused"
        case .emptyAnswer: return "empty answer"
        case .malformedResponse: return "malformed response"
        }
    }

    /// One line saying what failed and what to do next.
    public var message: String {
        let name = provider.displayName
        switch self {
        case .invalidKey(let provider, let detail):
            return "\(name) rejected the API key (\(detail)). Create a new key at \(provider.keyManagementURL) "
                + "and store it with `paragraph keys set \(provider.rawValue)`."
        case .quotaExhausted(_, let detail):
            return "the \(name) account has no quota or credit left (\(detail)); add credit or raise the limit "
                + "in the account's billing settings, because retrying will not help"
        case .rateLimited(_, let retryAfter, let detail):
            let wait = retryAfter.map { "; \(name) asked to wait \($0.formattedSeconds)" } ?? ""
            return "\(name) rate limit reached (\(detail))\(wait)"
        case .overloaded(_, _, let detail):
            return "\(name) is overloaded (\(detail)); try again later"
        case .serverError(_, _, _, let detail):
            return "\(name) server error (\(detail))"
        case .timedOut(_, let detail):
            return "the request to \(name) timed out (\(detail))"
        case .connectionFailed(_, let error):
            return "could not reach \(name): \(error)"
        case .badRequest(_, _, let detail):
            return "\(name) rejected the request (\(detail))"
        case .safetyBlocked(_, let reason):
            return "\(name) blocked the request with its safety filters: \(reason)"
        case .truncated(_, let maxOutputTokens):
            return "the answer from \(name) stopped at the limit of \(maxOutputTokens) output tokens before it was "
                + "complete; raise the limit or shorten the request"
        case .refused(_, let reason):
            return "the \(name) model refused to answer: \(reason)"
        case .emptyAnswer:
            return "\(name) returned an empty answer"
        case .malformedResponse(_, let problem, let excerpt):
            return "\(name) sent a response that could not be read (\(problem)): \(excerpt)"
        }
    }

    public var description: String { message }
}

extension ProviderError: RetryClassifiable {
    public var classifiedFailure: ClassifiedFailure {
        switch self {
        case .invalidKey:
            return ClassifiedFailure(.invalidKey)
        case .quotaExhausted:
            return ClassifiedFailure(.quotaExhausted)
        case .rateLimited(_, let retryAfter, _):
            return ClassifiedFailure(.rateLimited, retryAfter: retryAfter)
        case .overloaded(_, let retryAfter, _):
            return ClassifiedFailure(.serverUnavailable, retryAfter: retryAfter)
        case .serverError(_, let status, let retryAfter, _):
            // 501 and 505 mean that a retry will not help.
            let failureClass = FailureClass(status: status) ?? .unexpectedResponse
            return ClassifiedFailure(failureClass == .serverUnavailable ? .serverUnavailable : .unexpectedResponse, retryAfter: retryAfter)
        case .timedOut:
            return ClassifiedFailure(.connectionFailed)
        case .connectionFailed(_, let error):
            return error.classifiedFailure
        case .badRequest:
            return ClassifiedFailure(.invalidRequest)
        case .safetyBlocked:
            return ClassifiedFailure(.safetyBlocked)
        case .emptyAnswer:
            // An empty answer is a fault on the provider's side that a new attempt usually clears.
            return ClassifiedFailure(.serverUnavailable)
        case .truncated, .refused, .malformedResponse:
            return ClassifiedFailure(.unexpectedResponse)
        }
    }
}

extension Provider {
    /// The provider's name as its own documentation writes it.
    public var displayName: String {
        switch self {
        case .openai: return "OpenAI"
        case .anthropic: return "Anthropic"
        case .google: return "Google AI (Gemini API)"
        case .xai: return "xAI"
        case .groq: return "Groq"
        case .deepseek: return "DeepSeek"
        }
    }

    /// The page where an account owner creates and revokes API keys.
    public var keyManagementURL: String {
        switch self {
        case .openai: return "https://platform.openai.com/api-keys"
        case .anthropic: return "https://console.anthropic.com/settings/keys"
        case .google: return "https://aistudio.google.com/apikey"
        case .xai: return "https://console.x.ai"
        case .groq: return "https://console.groq.com/keys"
        case .deepseek: return "https://platform.deepseek.com/api_keys"
        }
    }
}
