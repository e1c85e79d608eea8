import Foundation
@testable import ParagraphCore

/// An HTTP/1.1 server on 127.0.0.1 for tests, with one thread that runs a `poll` loop.
///
/// Routes map a method and path to a handler that returns a `MockReply`. Handlers
/// run on the server's thread, so they must return at once. A reply's `delay`
/// postpones it without blocking other connections. The server records every
/// request and the highest number of requests that were waiting for a reply at
/// the same time.
final class MockHTTPServer: @unchecked Sendable {
    typealias Handler = @Sendable (MockRequest) -> MockReply

    /// The port the operating system chose.
    let port: UInt16
    /// The address the listening socket is bound to, as `getsockname` returns it.
    let boundAddress: String
    var baseURL: String { "http://127.0.0.1:\(port)" }

    private let state = MockServerState()
    private let loop: MockServerLoop
    private let stopped = DispatchSemaphore(value: 0)

    init() throws {
        let listener = try Self.makeListener()
        port = listener.port
        boundAddress = listener.address
        loop = try MockServerLoop(listener: listener.descriptor, state: state)
        let thread = Thread { [loop, stopped] in
            loop.run()
            stopped.signal()
        }
        thread.name = "mock-http-server"
        thread.start()
    }

    deinit {
        stop()
    }

    /// Stop the loop, close every socket and wait until the thread has ended.
    func stop() {
        let wasStopping = state.withShared { shared -> Bool in
            defer { shared.isStopping = true }
            return shared.isStopping
        }
        guard !wasStopping else { return }
        loop.wake()
        stopped.wait()
    }

    // MARK: Scripting

    /// Handle `method` requests for exactly `path`, with any query, by calling `handler`.
    func route(_ method: String, _ path: String, _ handler: @escaping Handler) {
        state.withShared { $0.routes[method + " " + path] = handler }
        loop.wake()
    }

    /// Handle requests that match no route. The default handler returns a 404.
    func fallback(_ handler: @escaping Handler) {
        state.withShared { $0.fallback = handler }
    }

    /// Hold each request's reply until `count` requests are held at once, then
    /// release them all after `settle`. Requests arriving during `settle` join the
    /// release, so `maxInFlight` shows a client that sends more than `count` at once.
    /// A request held for `timeout` is released on its own.
    func holdRequests(untilInFlight count: Int, timeout: Duration, settle: Duration = .milliseconds(50)) {
        state.withShared { $0.gate = (count, timeout, settle) }
        loop.wake()
    }

    // MARK: Recordings

    var requests: [MockRequest] { state.withShared { $0.requests } }
    var maxInFlight: Int { state.withShared { $0.maxInFlight } }
    var inFlight: Int { state.withShared { $0.inFlight } }
    var acceptedConnections: Int { state.withShared { $0.acceptedConnections } }
    var connectionsClosedByClient: Int { state.withShared { $0.connectionsClosedByClient } }

    /// Wait on the calling task until `condition` holds for the recordings, or `timeout` passes.
    func waitUntil(timeout: Duration = .seconds(5), _ condition: @Sendable (MockHTTPServer) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition(self) { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return condition(self)
    }

    // MARK: Socket setup

    private static func makeListener() throws -> (descriptor: Int32, port: UInt16, address: String) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }

        var reuse: Int32 = 1
        _ = setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))

        // 127.0.0.1 only, and port 0 so the system picks a free one.
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(descriptor, 512) == 0 else {
            let code = errno
            close(descriptor)
            throw POSIXError(.init(rawValue: code) ?? .EIO)
        }

        var boundAddress = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &boundAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else {
            let code = errno
            close(descriptor)
            throw POSIXError(.init(rawValue: code) ?? .EIO)
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)

        var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
        _ = inet_ntop(AF_INET, &boundAddress.sin_addr, &text, socklen_t(text.count))
        let boundText = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (descriptor, UInt16(bigEndian: boundAddress.sin_port), boundText)
    }
}

/// State that test threads and the loop's thread share, guarded by a lock.
final class MockServerState: @unchecked Sendable {
    struct Shared {
        var routes: [String: MockHTTPServer.Handler] = [:]
        var fallback: MockHTTPServer.Handler = { request in
            MockReply.text("no route for \(request.method) \(request.path)", status: 404)
        }
        var gate: (count: Int, timeout: Duration, settle: Duration)?
        var requests: [MockRequest] = []
        var inFlight = 0
        var maxInFlight = 0
        var acceptedConnections = 0
        var connectionsClosedByClient = 0
        var isStopping = false
    }

    private let lock = NSLock()
    private var shared = Shared()

    func withShared<Value>(_ body: (inout Shared) -> Value) -> Value {
        lock.lock()
        defer { lock.unlock() }
        return body(&shared)
    }

    /// Record a request, count it in flight and pick its handler.
    func accept(_ request: MockRequest) -> MockHTTPServer.Handler {
        withShared { shared in
            shared.requests.append(request)
            shared.inFlight += 1
            shared.maxInFlight = max(shared.maxInFlight, shared.inFlight)
            return shared.routes[request.method + " " + request.path] ?? shared.fallback
        }
    }
}
