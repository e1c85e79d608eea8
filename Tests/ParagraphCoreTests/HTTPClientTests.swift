import Foundation
import Testing
@testable import ParagraphCore

/// Collects request-log lines written from any thread.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    var lines: [String] { lock.withLock { stored } }

    func append(_ line: String) {
        lock.withLock { stored.append(line) }
    }
}

@Suite struct HTTPClientTests {
    @Test func getRoundTrip() async throws {
        let server = try MockHTTPServer()
        server.route("GET", "/v1/models") { _ in
            .json(#"{"data":[]}"#, headers: [("X-Request-Id", "req-1")])
        }
        let client = try HTTPClient()

        let response = try await client.send(HTTPRequest(url: server.baseURL + "/v1/models?limit=5"))

        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"data":[]}"#)
        #expect(response.headers["content-type"] == "application/json")
        #expect(response.headers["x-request-id"] == "req-1")
        #expect(response.timing.total > .zero)
        #expect(response.timing.total >= response.timing.firstByte)
        let request = try #require(server.requests.first)
        #expect(request.method == "GET")
        #expect(request.target == "/v1/models?limit=5")
    }

    @Test func postSendsBodyAndHeaders() async throws {
        let server = try MockHTTPServer()
        server.route("POST", "/v1/messages") { request in
            .json(#"{"echo":\#(request.body.count)}"#, status: 201)
        }
        let client = try HTTPClient()
        let body = Data(#"{"model":"m","max_tokens":16}"#.utf8)
        let headers: HTTPHeaders = ["x-api-key": "sk-test", "anthropic-version": "2023-06-01", "Content-Type": "application/json"]

        let response = try await client.send(HTTPRequest(method: .post, url: server.baseURL + "/v1/messages", headers: headers, body: body))

        #expect(response.status == 201)
        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.body == body)
        #expect(request.headers["X-API-Key"] == "sk-test")
        #expect(request.headers["anthropic-version"] == "2023-06-01")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.headers["content-length"] == String(body.count))
        #expect(request.headers["expect"] == nil)
        #expect(request.headers["user-agent"] == "paragraph/\(ParagraphCommand.version)")
        #expect(request.headers["accept-encoding"]?.contains("gzip") == true)
    }

    @Test func largePostBodyArrivesWhole() async throws {
        let server = try MockHTTPServer()
        server.route("PUT", "/upload") { request in .text("\(request.body.count)") }
        let client = try HTTPClient()
        let body = Data((0..<300_000).map { UInt8($0 % 251) })

        let response = try await client.send(HTTPRequest(method: .put, url: server.baseURL + "/upload", body: body))

        #expect(String(decoding: response.body, as: UTF8.self) == "300000")
        #expect(server.requests.first?.method == "PUT")
        #expect(server.requests.first?.body == body)
    }

    @Test func emptyHeaderValueIsSent() async throws {
        let server = try MockHTTPServer()
        let client = try HTTPClient()

        _ = try await client.send(HTTPRequest(url: server.baseURL + "/", headers: ["X-Empty": ""]))

        #expect(server.requests.first?.headers.contains(name: "x-empty") == true)
        #expect(server.requests.first?.headers["x-empty"] == "")
    }

    @Test func repeatedResponseHeadersKeepAllValues() async throws {
        let server = try MockHTTPServer()
        server.route("GET", "/") { _ in
            MockReply(headers: [("Set-Cookie", "a=1"), ("set-cookie", "b=2")])
        }
        server.route("GET", "/folded") { _ in
            MockReply(action: .raw(Data("HTTP/1.1 200 OK\r\nX-Folded: one\r\n  two\r\nContent-Length: 0\r\n\r\n".utf8)))
        }
        let client = try HTTPClient()

        let response = try await client.send(HTTPRequest(url: server.baseURL + "/"))

        #expect(response.headers.values(for: "SET-COOKIE") == ["a=1", "b=2"])
        #expect(response.headers["Set-Cookie"] == "a=1")

        let folded = try await client.send(HTTPRequest(url: server.baseURL + "/folded"))
        #expect(folded.headers["x-folded"] == "one two")
    }

    @Test func keepAliveReusesConnection() async throws {
        let server = try MockHTTPServer()
        let client = try HTTPClient()

        for _ in 0..<3 {
            _ = try await client.send(HTTPRequest(url: server.baseURL + "/"))
        }

        #expect(server.requests.count == 3)
        #expect(server.acceptedConnections == 1)
    }

    @Test func gzipBodyIsDecoded() async throws {
        let server = try MockHTTPServer()
        let compressed = try #require(Data(base64Encoded: "H4sIAAAAAAACA8tIzcnJ11FIr8osAABKm7FcCwAAAA=="))
        server.route("GET", "/") { _ in
            MockReply(headers: [("Content-Encoding", "gzip")], body: compressed)
        }
        let client = try HTTPClient()

        let response = try await client.send(HTTPRequest(url: server.baseURL + "/"))

        #expect(String(decoding: response.body, as: UTF8.self) == "hello, gzip")
    }

    @Test func redirectIsNotFollowed() async throws {
        let target = try MockHTTPServer()
        let server = try MockHTTPServer()
        server.route("GET", "/v1/models") { _ in
            MockReply(status: 302, headers: [("Location", target.baseURL + "/stolen")])
        }
        let client = try HTTPClient()

        let response = try await client.send(HTTPRequest(
            url: server.baseURL + "/v1/models", headers: ["x-api-key": "sk-test"], secretHeaderValues: ["sk-test"]))

        #expect(response.status == 302)
        #expect(response.headers["location"] == target.baseURL + "/stolen")
        #expect(server.requests.count == 1)
        #expect(target.requests.isEmpty)
        #expect(target.acceptedConnections == 0)
    }

    @Test func errorStatusIsReturned() async throws {
        let server = try MockHTTPServer()
        server.route("POST", "/v1/chat/completions") { _ in
            .json(#"{"error":{"code":"insufficient_quota"}}"#, status: 429, headers: [("Retry-After", "3")])
        }
        let client = try HTTPClient()

        let response = try await client.send(HTTPRequest(method: .post, url: server.baseURL + "/v1/chat/completions", body: Data("{}".utf8)))

        #expect(response.status == 429)
        #expect(response.headers["retry-after"] == "3")
        #expect(!response.isSuccess)
    }

    @Test func sizeCapAbortsTransfer() async throws {
        let server = try MockHTTPServer()
        server.route("GET", "/big") { _ in MockReply(body: Data(repeating: 0x61, count: 200_000)) }
        server.route("GET", "/small") { _ in MockReply(body: Data(repeating: 0x61, count: 500)) }
        let client = try HTTPClient(configuration: .init(maxResponseBytes: 10_000))

        await #expect(throws: HTTPError.responseTooLarge(limit: 10_000)) {
            try await client.send(HTTPRequest(url: server.baseURL + "/big"))
        }
        #expect(HTTPError.responseTooLarge(limit: 10_000).description == "response larger than 10000 bytes")

        let small = try await client.send(HTTPRequest(url: server.baseURL + "/small"))
        #expect(small.body.count == 500)
    }

    @Test func totalTimeoutFails() async throws {
        let server = try MockHTTPServer()
        server.route("GET", "/slow") { _ in .text("late", delay: .seconds(10)) }
        let client = try HTTPClient(configuration: .init(timeout: .milliseconds(300)))
        let started = ContinuousClock.now

        let error = await #expect(throws: HTTPError.self) {
            try await client.send(HTTPRequest(url: server.baseURL + "/slow"))
        }

        guard case .timedOut = error else {
            Issue.record("expected a timeout, got \(String(describing: error))")
            return
        }
        // The reply would come after 10 s; a loaded machine may take seconds to notice the 300 ms timeout.
        #expect(ContinuousClock.now - started < .seconds(9))
        #expect(error?.classifiedFailure.failureClass == .connectionFailed)
    }

    @Test func perRequestTimeoutOverridesDefault() async throws {
        let server = try MockHTTPServer()
        server.route("GET", "/slow") { _ in .text("late", delay: .seconds(10)) }
        let client = try HTTPClient()

        let error = await #expect(throws: HTTPError.self) {
            try await client.send(HTTPRequest(url: server.baseURL + "/slow", timeout: .milliseconds(200)))
        }

        guard case .timedOut = error else {
            Issue.record("expected a timeout, got \(String(describing: error))")
            return
        }
    }

    @Test func droppedConnectionIsConnectionError() async throws {
        let server = try MockHTTPServer()
        server.route("GET", "/") { _ in .dropConnection }
        let client = try HTTPClient()

        let error = await #expect(throws: HTTPError.self) {
            try await client.send(HTTPRequest(url: server.baseURL + "/"))
        }

        guard case .connectionFailed = error else {
            Issue.record("expected a connection failure, got \(String(describing: error))")
            return
        }
        #expect(error?.classifiedFailure.failureClass == .connectionFailed)
    }

    @Test func truncatedBodyIsIncompleteResponse() async throws {
        let server = try MockHTTPServer()
        server.route("GET", "/") { _ in
            MockReply(body: Data(repeating: 0x62, count: 1000), action: .truncate(bodyBytes: 400))
        }
        let client = try HTTPClient()

        let error = await #expect(throws: HTTPError.self) {
            try await client.send(HTTPRequest(url: server.baseURL + "/"))
        }

        guard case .incompleteResponse = error else {
            Issue.record("expected an incomplete response, got \(String(describing: error))")
            return
        }
        #expect(error?.classifiedFailure.failureClass == .connectionFailed)
    }

    @Test func malformedStatusLineFails() async throws {
        let server = try MockHTTPServer()
        server.route("GET", "/") { _ in MockReply(action: .raw(Data("NOT-HTTP garbage\r\n\r\n".utf8))) }
        let client = try HTTPClient()

        await #expect(throws: HTTPError.self) {
            try await client.send(HTTPRequest(url: server.baseURL + "/"))
        }
    }

    @Test func malformedBodyIsReturnedAsIs() async throws {
        let server = try MockHTTPServer()
        server.route("GET", "/") { _ in .json(#"{"choices": [ {"#) }
        let client = try HTTPClient()

        let response = try await client.send(HTTPRequest(url: server.baseURL + "/"))

        #expect(String(decoding: response.body, as: UTF8.self) == #"{"choices": [ {"#)
    }

    @Test func headerWithLineBreakIsRejected() async throws {
        let server = try MockHTTPServer()
        let client = try HTTPClient()

        await #expect(throws: HTTPError.invalidHeader(name: "X-Note")) {
            try await client.send(HTTPRequest(url: server.baseURL + "/", headers: ["X-Note": "a\r\nX-Injected: 1"]))
        }
        await #expect(throws: HTTPError.invalidHeader(name: "Bad Name")) {
            try await client.send(HTTPRequest(url: server.baseURL + "/", headers: ["Bad Name": "1"]))
        }
        #expect(server.requests.isEmpty)
    }

    @Test func cancellationStopsTransfer() async throws {
        let server = try MockHTTPServer()
        server.route("GET", "/slow") { _ in .text("late", delay: .seconds(30)) }
        let client = try HTTPClient()
        let url = server.baseURL + "/slow"
        let started = ContinuousClock.now

        let task = Task { try await client.send(HTTPRequest(url: url)) }
        #expect(await server.waitUntil { $0.requests.count == 1 })
        task.cancel()

        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(await server.waitUntil { $0.connectionsClosedByClient == 1 })
        #expect(client.loop.statistics.withLock { $0.runningTransfers } == 0)
    }

    @Test func cancelledTaskSendsNothing() async throws {
        let server = try MockHTTPServer()
        let client = try HTTPClient()
        let url = server.baseURL + "/"

        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await client.send(HTTPRequest(url: url))
        }

        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(server.requests.isEmpty)
    }

    @Test func requestLogIsRedacted() async throws {
        let server = try MockHTTPServer()
        server.route("GET", "/v1/models") { _ in .json("{}") }
        let lines = LogLines()
        let log = HTTPRequestLog(
            redact: { $0.replacingOccurrences(of: "127.0.0.1", with: "[host]") },
            write: { lines.append($0) })
        let client = try HTTPClient(requestLog: log)

        _ = try await client.send(HTTPRequest(url: server.baseURL + "/v1/models", headers: ["Authorization": "Bearer sk-abc"], secretHeaderValues: ["sk-abc"]))
        _ = try? await client.send(HTTPRequest(url: server.baseURL + "/v1/models?key=sk-abc", secretHeaderValues: ["sk-abc"]))

        #expect(lines.lines.count == 2)
        let success = try #require(lines.lines.first)
        #expect(success.hasPrefix("GET http://[host]:\(server.port)/v1/models 200 ("))
        #expect(success.hasSuffix(" ms)"))
        let rejected = try #require(lines.lines.last)
        #expect(rejected.contains("failed: the request URL contains a secret header value"))
        #expect(!rejected.contains("sk-abc"))
        #expect(server.requests.count == 1)
    }

    @Test func stopFailsRunningTransfer() async throws {
        let server = try MockHTTPServer()
        server.route("GET", "/slow") { _ in .text("late", delay: .seconds(30)) }
        let client = try HTTPClient()
        let url = server.baseURL + "/slow"

        let task = Task { try await client.send(HTTPRequest(url: url)) }
        #expect(await server.waitUntil { $0.requests.count == 1 })
        client.loop.stop()

        await #expect(throws: HTTPError.clientShutDown) { try await task.value }
        #expect(await server.waitUntil { $0.connectionsClosedByClient == 1 })
    }

    @Test func stoppedClientRejectsRequests() async throws {
        let server = try MockHTTPServer()
        let client = try HTTPClient()
        client.loop.stop()

        await #expect(throws: HTTPError.clientShutDown) {
            try await client.send(HTTPRequest(url: server.baseURL + "/"))
        }
        #expect(server.requests.isEmpty)
    }
}

@Suite struct HTTPProxyTests {
    @Test func httpsGoesThroughConfiguredProxy() async throws {
        // The proxy is a loopback mock that refuses the tunnel, so no traffic leaves the machine
        // and the `.invalid` host is never resolved: with an HTTP proxy, libcurl leaves that to the proxy.
        let proxy = try MockHTTPServer()
        proxy.fallback { _ in MockReply(status: 403, closeConnection: true) }
        let client = try HTTPClient(configuration: .init(proxy: proxy.baseURL))

        await #expect(throws: HTTPError.self) {
            try await client.send(HTTPRequest(url: "https://api.example.invalid/v1/models"))
        }

        let request = try #require(proxy.requests.first)
        #expect(request.method == "CONNECT")
        #expect(request.target == "api.example.invalid:443")
    }

    @Test func loopbackBypassesProxy() async throws {
        let proxy = try MockHTTPServer()
        let server = try MockHTTPServer()
        let client = try HTTPClient(configuration: .init(proxy: proxy.baseURL))

        let response = try await client.send(HTTPRequest(url: server.baseURL + "/"))

        #expect(response.status == 404)
        #expect(server.requests.count == 1)
        #expect(proxy.requests.isEmpty)
        #expect(proxy.acceptedConnections == 0)
    }
}
