import Foundation

/// An HTTP client over libcurl's multi interface, with all transfers on one dedicated thread.
///
/// The client parses each URL once with libcurl's URL API and connects with that
/// handle. It allows `https`, and plain `http` only to loopback hosts, which it
/// never sends through a proxy. It never follows redirects: a 3xx comes back as
/// a response. Certificate checks are always on, and nothing here can turn them off.
///
/// Cancelling the task that awaits `send(_:)` stops the transfer and makes
/// `send(_:)` throw `CancellationError`.
public final class HTTPClient: Sendable {
    public struct Configuration: Sendable {
        /// Time allowed to open the connection, including the TLS handshake.
        public var connectTimeout: Duration
        /// Time allowed for the whole request, unless the request sets its own.
        public var timeout: Duration
        /// Limit on the response's headers and body together, in bytes, after content decoding.
        public var maxResponseBytes: Int
        public var userAgent: String
        /// The proxy for `https` requests, such as `http://proxy.example:3128`, or nil for none.
        ///
        /// libcurl's own reading of `https_proxy` and similar variables is turned
        /// off, so the caller decides, for example from `RunContext.environment`.
        /// Loopback requests never use a proxy.
        public var proxy: String?

        /// Model responses can take minutes, and some providers queue requests before
        /// responding, so the default total timeout is long.
        public init(
            connectTimeout: Duration = .seconds(15), timeout: Duration = .seconds(600),
            maxResponseBytes: Int = 16 * 1024 * 1024, userAgent: String = "paragraph/\(ParagraphCommand.version)",
            proxy: String? = nil
        ) {
            self.connectTimeout = connectTimeout
            self.timeout = timeout
            self.maxResponseBytes = maxResponseBytes
            self.userAgent = userAgent
            self.proxy = proxy
        }
    }

    public let configuration: Configuration
    private let requestLog: HTTPRequestLog?
    let loop: CurlTransferLoop

    /// Start the client's transfer thread.
    ///
    /// - Parameter requestLog: Receives one line per request, for `--verbose`.
    public init(configuration: Configuration = Configuration(), requestLog: HTTPRequestLog? = nil) throws {
        self.configuration = configuration
        self.requestLog = requestLog
        loop = try CurlTransferLoop()
    }

    deinit {
        loop.stop()
    }

    /// Send a request and return the response, whatever its status.
    ///
    /// - Throws: `HTTPError` when the request is rejected before sending or the
    ///   transfer fails; `CancellationError` when the task is cancelled.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let started = ContinuousClock.now
        do {
            let response = try await perform(request)
            log(request, outcome: "\(response.status)", elapsed: response.timing.total)
            return response
        } catch {
            log(request, outcome: "failed: \(error)", elapsed: ContinuousClock.now - started)
            throw error
        }
    }

    private func perform(_ request: HTTPRequest) async throws -> HTTPResponse {
        let url = try ParsedURL.parse(request.url, secrets: request.secretHeaderValues)
        try Self.validate(request.headers)
        try Task.checkCancellation()

        let transfer = CurlTransfer(request: request, url: url, configuration: configuration)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                if !loop.submit(transfer, continuation: continuation) {
                    continuation.resume(throwing: HTTPError.clientShutDown)
                }
            }
        } onCancel: {
            loop.cancel(transfer)
        }
    }

    /// Reject header names that are not HTTP tokens and any line break, which would let a value add headers.
    static func validate(_ headers: HTTPHeaders) throws {
        for field in headers {
            let nameIsToken = !field.name.isEmpty && field.name.utf8.allSatisfy(isTokenCharacter)
            let valueIsSafe = !field.value.utf8.contains { $0 == 0x0A || $0 == 0x0D || $0 == 0x00 }
            guard nameIsToken, valueIsSafe else {
                throw HTTPError.invalidHeader(name: field.name)
            }
        }
    }

    /// `tchar` of RFC 9110, section 5.6.2.
    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    private func log(_ request: HTTPRequest, outcome: String, elapsed: Duration) {
        guard let requestLog else { return }
        var url = request.url
        if ParsedURL.containsSecret(url, secrets: request.secretHeaderValues) {
            url = "<URL withheld because it contains a secret>"
        }
        let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        var line = "\(request.method) \(url) \(outcome) (\(milliseconds) ms)"
        for secret in request.secretHeaderValues where !secret.isEmpty {
            line = line.replacingOccurrences(of: secret, with: "[redacted]")
        }
        requestLog.write(requestLog.redact(line))
    }
}

/// A sink for one line per request, for `--verbose`.
///
/// libcurl's own verbose output would bypass redaction, so the client never enables it.
public struct HTTPRequestLog: Sendable {
    /// A function from the caller that removes secrets from each line before it is written.
    public var redact: @Sendable (String) -> String
    public var write: @Sendable (String) -> Void

    /// - Parameters:
    ///   - redact: Applied to every line, after the client has removed the request's own secret header values.
    ///   - write: Receives lines like `POST https://api.example/v1/chat 200 (532 ms)`.
    public init(redact: @escaping @Sendable (String) -> String, write: @escaping @Sendable (String) -> Void) {
        self.redact = redact
        self.write = write
    }
}
