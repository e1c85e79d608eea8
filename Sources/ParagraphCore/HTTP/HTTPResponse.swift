import Foundation

/// A complete HTTP response, whatever its status.
///
/// The client returns redirects (3xx) and error statuses as responses, so the
/// caller decides what each status means.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// The header fields of the final response, without those of any `100 Continue`.
    public var headers: HTTPHeaders
    /// The body after content decoding, such as gzip.
    public var body: Data
    public var timing: HTTPTiming

    public init(status: Int, headers: HTTPHeaders, body: Data, timing: HTTPTiming) {
        self.status = status
        self.headers = headers
        self.body = body
        self.timing = timing
    }

    public var isSuccess: Bool { (200..<300).contains(status) }
}

/// Times measured by libcurl from the start of a transfer.
public struct HTTPTiming: Sendable, Equatable {
    /// Until the TCP connection was open.
    public var connect: Duration
    /// Until the first byte of the response arrived.
    public var firstByte: Duration
    /// Until the whole response was received.
    public var total: Duration

    public init(connect: Duration, firstByte: Duration, total: Duration) {
        self.connect = connect
        self.firstByte = firstByte
        self.total = total
    }
}
