import Foundation
import Testing
@testable import ParagraphCore

@Suite struct HTTPMockServerTests {
    @Test func parserDecodesChunkedBody() throws {
        let bytes = Array("POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n6;ext=1\r\npedia \r\n0\r\nTrailer: y\r\n\r\nGET /next HTTP/1.1\r\n".utf8)

        let parsed = try #require(try MockRequestParser.parse(bytes))

        #expect(parsed.method == "POST")
        #expect(parsed.target == "/upload")
        #expect(String(decoding: parsed.body, as: UTF8.self) == "Wikipedia ")
        #expect(String(decoding: bytes[parsed.length...], as: UTF8.self) == "GET /next HTTP/1.1\r\n")
    }

    @Test func parserWaitsForWholeBody() throws {
        let partial = Array("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n12345".utf8)
        let partialChunked = Array("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWi".utf8)

        #expect(try MockRequestParser.parse(partial) == nil)
        #expect(try MockRequestParser.parse(partialChunked) == nil)
        #expect(try MockRequestParser.parse(Array("GET / HTTP/1.1\r\n".utf8)) == nil)
    }

    @Test func parserReadsConnectionClose() throws {
        let close = try #require(try MockRequestParser.parse(Array("GET / HTTP/1.1\r\nConnection: close\r\n\r\n".utf8)))
        let http10 = try #require(try MockRequestParser.parse(Array("GET / HTTP/1.0\r\n\r\n".utf8)))
        let keepAlive = try #require(try MockRequestParser.parse(Array("GET / HTTP/1.1\r\n\r\n".utf8)))

        #expect(close.closeAfter)
        #expect(http10.closeAfter)
        #expect(!keepAlive.closeAfter)
    }

    @Test func parserRejectsMalformedRequest() {
        #expect(throws: MockRequestParser.Failure.self) {
            try MockRequestParser.parse(Array("NONSENSE\r\n\r\n".utf8))
        }
        #expect(throws: MockRequestParser.Failure.self) {
            try MockRequestParser.parse(Array("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n".utf8))
        }
    }

    @Test func chunkedRequestFromClient() async throws {
        let server = try MockHTTPServer()
        server.route("POST", "/upload") { request in .text(request.bodyText) }
        let client = try HTTPClient()

        let response = try await client.send(HTTPRequest(
            method: .post, url: server.baseURL + "/upload", headers: ["Transfer-Encoding": "chunked"], body: Data("streamed".utf8)))

        #expect(String(decoding: response.body, as: UTF8.self) == "streamed")
        #expect(server.requests.first?.headers["transfer-encoding"] == "chunked")
    }

    @Test func headRequestGetsNoBody() async throws {
        let server = try MockHTTPServer()
        server.route("HEAD", "/") { _ in .text("not sent") }
        let client = try HTTPClient()

        let response = try await client.send(HTTPRequest(method: .head, url: server.baseURL + "/"))

        #expect(response.status == 200)
        #expect(response.body.isEmpty)
        #expect(response.headers["content-length"] == "8")
    }

    @Test func connectionCloseReplyOpensNewConnection() async throws {
        let server = try MockHTTPServer()
        server.route("GET", "/") { _ in MockReply(body: Data("bye".utf8), closeConnection: true) }
        let client = try HTTPClient()

        _ = try await client.send(HTTPRequest(url: server.baseURL + "/"))
        _ = try await client.send(HTTPRequest(url: server.baseURL + "/"))

        #expect(server.acceptedConnections == 2)
    }

    @Test func unknownRouteGets404() async throws {
        let server = try MockHTTPServer()
        let client = try HTTPClient()

        let response = try await client.send(HTTPRequest(url: server.baseURL + "/missing?x=1"))

        #expect(response.status == 404)
        #expect(String(decoding: response.body, as: UTF8.self) == "no route for GET /missing")
        #expect(server.requests.first?.path == "/missing")
        #expect(server.requests.first?.target == "/missing?x=1")
    }

    @Test func heldRequestReleasedAfterTimeout() async throws {
        let server = try MockHTTPServer()
        server.holdRequests(untilInFlight: 5, timeout: .milliseconds(200))
        let client = try HTTPClient()
        let started = ContinuousClock.now

        let response = try await client.send(HTTPRequest(url: server.baseURL + "/"))

        #expect(response.status == 404)
        #expect(ContinuousClock.now - started >= .milliseconds(200))
        #expect(server.maxInFlight == 1)
    }

    @Test func listensOnLoopbackOnly() throws {
        let server = try MockHTTPServer()
        #expect(server.boundAddress == "127.0.0.1")
        #expect(server.port != 0)
        #expect(server.baseURL == "http://127.0.0.1:\(server.port)")
    }
}
