import Foundation

/// The kind of a failed request, which alone decides whether it is retried.
///
/// Adapters classify each failure, because a status code is not enough: OpenAI
/// returns 429 for both a rate limit and an exhausted quota, and Gemini returns
/// 400 for an invalid key.
public enum FailureClass: String, Sendable, Hashable, CaseIterable {
    /// A rate limit that passes with time, such as a 429 that is not about quota. Retried.
    case rateLimited
    /// The server is overloaded or failed: 408, 500, 502, 503, 504 or Anthropic's 529. Retried.
    case serverUnavailable
    /// No complete response: the connection failed, broke or timed out. Retried.
    case connectionFailed
    /// The key was rejected, usually 401 or 403. Not retried.
    case invalidKey
    /// Quota or billing exhausted, such as OpenAI's `insufficient_quota` or a 402. Not retried.
    case quotaExhausted
    /// The request itself is wrong, such as 400, 404 or 422. Not retried.
    case invalidRequest
    /// The provider's safety filters blocked the prompt or the answer. Not retried.
    case safetyBlocked
    /// Any other status, a redirect, or a response the adapter cannot read. Not retried.
    case unexpectedResponse

    public var isRetryable: Bool {
        switch self {
        case .rateLimited, .serverUnavailable, .connectionFailed:
            return true
        case .invalidKey, .quotaExhausted, .invalidRequest, .safetyBlocked, .unexpectedResponse:
            return false
        }
    }

    /// Classify a status on its own, or return nil for 1xx and 2xx.
    ///
    /// Adapters start from this and refine it with the body, for example to tell
    /// OpenAI's `insufficient_quota` from a rate limit.
    public init?(status: Int) {
        switch status {
        case 100..<300:
            return nil
        case 408, 500, 502, 503, 504, 529:
            self = .serverUnavailable
        case 429:
            self = .rateLimited
        case 401, 403:
            self = .invalidKey
        case 402:
            self = .quotaExhausted
        case 400..<500:
            self = .invalidRequest
        default:
            // Redirects, and 5xx statuses such as 501 that say a retry will not help.
            self = .unexpectedResponse
        }
    }
}

/// A failure as an adapter classified it, with any wait the server asked for.
public struct ClassifiedFailure: Sendable, Equatable {
    public var failureClass: FailureClass
    /// The wait the server asked for before retrying, from `retry-after-ms`,
    /// `Retry-After` or a body field such as Gemini's `retryDelay`. The retry
    /// policy uses it in place of its own backoff.
    public var retryAfter: Duration?

    public init(_ failureClass: FailureClass, retryAfter: Duration? = nil) {
        self.failureClass = failureClass
        self.retryAfter = retryAfter
    }

    /// Classify a response by its status alone and read its retry headers, or
    /// return nil for a 1xx or 2xx response.
    ///
    /// - Parameter now: The current wall-clock time, for a `Retry-After` date.
    public init?(response: HTTPResponse, now: Date) {
        guard let failureClass = FailureClass(status: response.status) else { return nil }
        self.init(failureClass, retryAfter: RetryAfter.delay(in: response.headers, now: now))
    }
}

/// An error that the retry driver can classify.
///
/// Adapters' errors conform so that `RetryDriver` can decide from the class.
public protocol RetryClassifiable: Error {
    var classifiedFailure: ClassifiedFailure { get }
}

extension HTTPError: RetryClassifiable {
    public var classifiedFailure: ClassifiedFailure {
        switch self {
        case .connectionFailed, .timedOut, .incompleteResponse:
            return ClassifiedFailure(.connectionFailed)
        case .invalidURL, .unsupportedScheme, .plainHTTPToNonLoopbackHost, .credentialsInURL, .secretInURL, .invalidHeader:
            return ClassifiedFailure(.invalidRequest)
        case .responseTooLarge, .tlsFailed, .transferFailed, .clientShutDown:
            return ClassifiedFailure(.unexpectedResponse)
        }
    }
}
