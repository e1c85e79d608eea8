/// A request that was rejected before sending, or a transfer that failed before a complete response arrived.
///
/// A response with an error status is not an `HTTPError`: the client returns it.
public enum HTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libcurl's URL parser rejected the text.
    case invalidURL(url: String, reason: String)
    /// The scheme is neither `https` nor `http`.
    case unsupportedScheme(String)
    /// Plain `http` is allowed only to loopback hosts, so keys never cross a network unencrypted.
    case plainHTTPToNonLoopbackHost(String)
    /// The URL has a user name or password, which would be sent outside the headers.
    case credentialsInURL
    /// One of the request's secret header values appears in its URL.
    case secretInURL
    /// A header name is not an HTTP token, or a name or value contains a line break.
    case invalidHeader(name: String)
    /// The connection could not be opened, or closed before a response arrived.
    case connectionFailed(String)
    /// The connect timeout or the total timeout passed.
    case timedOut(String)
    /// The connection closed or broke before the whole response body arrived.
    case incompleteResponse(String)
    /// The response headers and body together exceeded the client's limit, in bytes.
    case responseTooLarge(limit: Int)
    /// The TLS handshake failed or the server's certificate was not trusted.
    case tlsFailed(String)
    /// Any other libcurl failure, with its `CURLcode`.
    case transferFailed(code: Int, message: String)
    /// The client was shut down before the transfer finished.
    case clientShutDown

    public var description: String {
        switch self {
        case .invalidURL(let url, let reason):
            return "invalid URL \"\(url)\": \(reason)"
        case .unsupportedScheme(let scheme):
            return "unsupported URL scheme \"\(scheme)\"; use https"
        case .plainHTTPToNonLoopbackHost(let host):
            return "plain http to \(host) is not allowed; use https (http is allowed only to 127.0.0.1, ::1 and localhost)"
        case .credentialsInURL:
            return "the request URL contains a user name or password; send credentials in headers"
        case .secretInURL:
            return "the request URL contains a secret header value, such as an API key; keys belong in headers only"
        case .invalidHeader(let name):
            return "invalid request header \"\(name)\": names must be HTTP tokens and neither names nor values may contain line breaks"
        case .connectionFailed(let message):
            return "connection failed: \(message)"
        case .timedOut(let message):
            return "request timed out: \(message)"
        case .incompleteResponse(let message):
            return "incomplete response: \(message)"
        case .responseTooLarge(let limit):
            return "response larger than \(limit) bytes"
        case .tlsFailed(let message):
            return "TLS failed: \(message)"
        case .transferFailed(let code, let message):
            return "request failed (libcurl error \(code)): \(message)"
        case .clientShutDown:
            return "the HTTP client was shut down before the request finished"
        }
    }
}
