import Foundation
import Testing
@testable import ParagraphCore

@Suite struct HTTPURLValidationTests {
    @Test func plainHTTPToRemoteHostRejected() async throws {
        let lines = LogLines()
        let client = try HTTPClient(requestLog: HTTPRequestLog(redact: { $0 }, write: { lines.append($0) }))

        // `.invalid` never resolves, and the check runs before any lookup or connection.
        await #expect(throws: HTTPError.plainHTTPToNonLoopbackHost("example.invalid")) {
            try await client.send(HTTPRequest(url: "http://example.invalid/v1/models"))
        }
        #expect(client.loop.statistics.withLock { $0.completedTransfers } == 0)
        #expect(lines.lines.first?.contains("plain http to example.invalid is not allowed") == true)
    }

    @Test func plainHTTPRemoteFormsRejected() {
        let cases: [(url: String, host: String)] = [
            ("http://10.0.0.1/", "10.0.0.1"),
            ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
            ("http://[::2]/", "[::2]"),
            ("http://[::ffff:127.0.0.1]/", "[::ffff:127.0.0.1]"),
            ("http://localhost.example.invalid/", "localhost.example.invalid"),
            ("http://127.0.0.1.example.invalid/", "127.0.0.1.example.invalid"),
            ("http://localhost./", "localhost."),
        ]
        for (url, host) in cases {
            #expect(throws: HTTPError.plainHTTPToNonLoopbackHost(host), "\(url)") {
                try ParsedURL.parse(url, secrets: [])
            }
        }
    }

    @Test func httpsURLAccepted() throws {
        // Parsing only: nothing here connects.
        let parsed = try ParsedURL.parse("https://api.example.invalid/v1/chat/completions", secrets: ["sk-test"])

        #expect(parsed.scheme == "https")
        #expect(parsed.host == "api.example.invalid")
        #expect(!parsed.isLoopback)
    }

    @Test func loopbackHTTPFormsAccepted() throws {
        let cases = [
            "http://127.0.0.1:8080/", "http://127.5.6.7/", "http://127.1/", "http://localhost/",
            "http://LOCALHOST:9/", "http://[::1]:8080/", "http://[0:0:0:0:0:0:0:1]/", "HTTP://127.0.0.1/",
        ]
        for url in cases {
            let parsed = try ParsedURL.parse(url, secrets: [])
            #expect(parsed.isLoopback, "\(url)")
            #expect(parsed.scheme == "http", "\(url)")
        }
    }

    @Test func otherSchemesRejected() {
        #expect(throws: HTTPError.unsupportedScheme("ftp")) {
            try ParsedURL.parse("ftp://127.0.0.1/file", secrets: [])
        }
        #expect(throws: HTTPError.unsupportedScheme("gopher")) {
            try ParsedURL.parse("gopher://127.0.0.1/", secrets: [])
        }
        // libcurl itself rejects these: a file URL has no host, and this build lacks WebSocket support.
        #expect(throws: HTTPError.self) {
            try ParsedURL.parse("file:///etc/passwd", secrets: [])
        }
        #expect(throws: HTTPError.self) {
            try ParsedURL.parse("ws://127.0.0.1/", secrets: [])
        }
    }

    @Test func malformedURLRejected() {
        for url in ["not a url", "", "https://", "/v1/models"] {
            let error = catchError { try ParsedURL.parse(url, secrets: []) }
            guard case .invalidURL = error else {
                Issue.record("\(url): expected invalidURL, got \(String(describing: error))")
                continue
            }
        }
    }

    @Test func credentialsInURLRejected() {
        #expect(throws: HTTPError.credentialsInURL) {
            try ParsedURL.parse("https://user:password@api.example.invalid/", secrets: [])
        }
        #expect(throws: HTTPError.credentialsInURL) {
            try ParsedURL.parse("http://user@127.0.0.1/", secrets: [])
        }
    }

    @Test func secretInURLRejected() {
        let secret = "sk-proj-abc123"
        let cases = [
            "https://api.example.invalid/v1/models?key=sk-proj-abc123",
            "https://api.example.invalid/v1/models?key=sk%2Dproj%2Dabc123",
            "https://api.example.invalid/sk-proj-abc123/models",
            "https://api.example.invalid/v1/models#sk-proj-abc123",
        ]
        for url in cases {
            #expect(throws: HTTPError.secretInURL, "\(url)") {
                try ParsedURL.parse(url, secrets: ["", secret])
            }
        }
        #expect(throws: Never.self) {
            try ParsedURL.parse("https://api.example.invalid/v1/models", secrets: ["", secret])
        }
    }

    @Test func secretInURLSendsNothing() async throws {
        let server = try MockHTTPServer()
        let client = try HTTPClient()

        await #expect(throws: HTTPError.secretInURL) {
            try await client.send(HTTPRequest(
                url: server.baseURL + "/v1beta/models?key=AIza-secret", headers: ["x-goog-api-key": "AIza-secret"],
                secretHeaderValues: ["AIza-secret"]))
        }
        #expect(server.requests.isEmpty)
        #expect(server.acceptedConnections == 0)
    }

    private func catchError(_ body: () throws -> ParsedURL) -> HTTPError? {
        do {
            _ = try body()
            return nil
        } catch let error as HTTPError {
            return error
        } catch {
            return nil
        }
    }
}
