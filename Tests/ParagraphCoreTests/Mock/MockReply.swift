import Foundation
@testable import ParagraphCore

/// A request as the mock server received it.
struct MockRequest: Sendable {
    var method: String
    /// The request target as sent, path and query.
    var target: String
    /// The target without its query.
    var path: String
    var headers: HTTPHeaders
    /// The body, with any chunked transfer coding removed.
    var body: Data
    /// Requests on one keep-alive connection share this number.
    var connectionID: Int

    var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// What the mock server does with one request.
struct MockReply: Sendable {
    enum Action: Sendable {
        /// Send the status, headers and body with a correct `Content-Length`.
        case respond
        /// Send the headers with the full body's `Content-Length`, then only this many body bytes, then close.
        case truncate(bodyBytes: Int)
        /// Close the connection without sending anything.
        case dropConnection
        /// Send these bytes as they are, then close; for malformed responses.
        case raw(Data)
    }

    var status: Int
    var headers: [(String, String)]
    var body: Data
    /// Time to wait before replying. The server keeps serving other connections meanwhile.
    var delay: Duration
    var action: Action
    /// Send `Connection: close` and close once the reply is written.
    var closeConnection: Bool

    init(
        status: Int = 200, headers: [(String, String)] = [], body: Data = Data(), delay: Duration = .zero,
        action: Action = .respond, closeConnection: Bool = false
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
        self.action = action
        self.closeConnection = closeConnection
    }

    static func text(_ text: String, status: Int = 200, headers: [(String, String)] = [], delay: Duration = .zero) -> MockReply {
        MockReply(
            status: status, headers: [("Content-Type", "text/plain; charset=utf-8")] + headers,
            body: Data(text.utf8), delay: delay)
    }

    static func json(_ json: String, status: Int = 200, headers: [(String, String)] = [], delay: Duration = .zero) -> MockReply {
        MockReply(status: status, headers: [("Content-Type", "application/json")] + headers, body: Data(json.utf8), delay: delay)
    }

    static var dropConnection: MockReply { MockReply(action: .dropConnection) }

    /// The bytes to write, and whether to close the connection after them.
    func serialized(forHEAD isHEAD: Bool) -> (bytes: Data, close: Bool) {
        switch action {
        case .dropConnection:
            return (Data(), true)
        case .raw(let bytes):
            return (bytes, true)
        case .respond, .truncate:
            break
        }

        var head = "HTTP/1.1 \(status) \(Self.reasonPhrase(status))\r\n"
        for (name, value) in headers {
            head += "\(name): \(value)\r\n"
        }
        if !headers.contains(where: { $0.0.lowercased() == "content-length" }) {
            head += "Content-Length: \(body.count)\r\n"
        }
        if closeConnection {
            head += "Connection: close\r\n"
        }
        head += "\r\n"

        var bytes = Data(head.utf8)
        if isHEAD {
            return (bytes, closeConnection)
        }
        if case .truncate(let bodyBytes) = action {
            bytes.append(body.prefix(bodyBytes))
            return (bytes, true)
        }
        bytes.append(body)
        return (bytes, closeConnection)
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 204: return "No Content"
        case 301: return "Moved Permanently"
        case 302: return "Found"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 408: return "Request Timeout"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return "Status \(status)"
        }
    }
}
