import Foundation
@testable import ParagraphCore

/// The mock server's `poll` loop. Everything but `wake()` runs on the server's one thread.
final class MockServerLoop: @unchecked Sendable {
    private final class Connection {
        let id: Int
        let descriptor: Int32
        var input: [UInt8] = []
        var output: [UInt8] = []
        var outputOffset = 0
        var closeAfterWrite = false
        /// A request on this connection is waiting for its reply, so the next one is not parsed yet.
        var awaitingReply = false

        init(id: Int, descriptor: Int32) {
            self.id = id
            self.descriptor = descriptor
        }
    }

    private struct PendingReply {
        var connectionID: Int
        var reply: MockReply
        var isHEAD: Bool
        /// Held by the gate of `MockHTTPServer.holdRequests(untilInFlight:timeout:settle:)`.
        var isHeld: Bool
        var heldUntil: ContinuousClock.Instant
        var due: ContinuousClock.Instant

        var nextEvent: ContinuousClock.Instant { isHeld ? heldUntil : due }
    }

    private let listener: Int32
    private let state: MockServerState
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private var connections: [Int: Connection] = [:]
    private var nextConnectionID = 1
    private var pending: [PendingReply] = []
    /// While the gate is open, the time at which it releases its batch. Requests that arrive before then join the batch.
    private var gateReleaseTime: ContinuousClock.Instant?

    init(listener: Int32, state: MockServerState) throws {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else {
            throw POSIXError(.init(rawValue: errno) ?? .EIO)
        }
        for descriptor in descriptors {
            Self.makeNonBlocking(descriptor)
        }
        self.listener = listener
        self.state = state
        wakeRead = descriptors[0]
        wakeWrite = descriptors[1]
    }

    /// Interrupt `poll` so the loop rereads the shared state. Any thread may call this.
    func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    func run() {
        defer { closeEverything() }
        while !state.withShared({ $0.isStopping }) {
            var descriptors = [pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
                               pollfd(fd: listener, events: Int16(POLLIN), revents: 0)]
            let polled = Array(connections.values)
            for connection in polled {
                let wantsWrite = connection.outputOffset < connection.output.count
                descriptors.append(pollfd(
                    fd: connection.descriptor, events: Int16(POLLIN) | (wantsWrite ? Int16(POLLOUT) : 0), revents: 0))
            }

            let ready = poll(&descriptors, nfds_t(descriptors.count), pollTimeoutMilliseconds())
            if ready < 0 && errno != EINTR {
                return
            }

            if descriptors[0].revents != 0 {
                drainWakePipe()
            }
            if descriptors[1].revents & Int16(POLLIN) != 0 {
                acceptConnections()
            }
            for (index, connection) in polled.enumerated() {
                let events = descriptors[index + 2].revents
                guard events != 0, connections[connection.id] != nil else { continue }
                if events & Int16(POLLOUT) != 0 {
                    flush(connection)
                }
                if events & (Int16(POLLIN) | Int16(POLLHUP) | Int16(POLLERR)) != 0, connections[connection.id] != nil {
                    read(connection)
                }
            }
            processTimers()
        }
    }

    // MARK: Connections

    private func acceptConnections() {
        while true {
            let descriptor = accept(listener, nil, nil)
            guard descriptor >= 0 else { return }
            Self.makeNonBlocking(descriptor)
            let connection = Connection(id: nextConnectionID, descriptor: descriptor)
            nextConnectionID += 1
            connections[connection.id] = connection
            state.withShared { $0.acceptedConnections += 1 }
        }
    }

    private func read(_ connection: Connection) {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(connection.descriptor, &buffer, buffer.count, 0)
            if count > 0 {
                connection.input.append(contentsOf: buffer[..<count])
                continue
            }
            if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                break
            }
            if count < 0 && errno == EINTR {
                continue
            }
            // The client closed the connection, or it broke.
            state.withShared { $0.connectionsClosedByClient += 1 }
            closeConnection(connection)
            return
        }
        parseNextRequest(connection)
    }

    private func parseNextRequest(_ connection: Connection) {
        guard !connection.awaitingReply, !connection.closeAfterWrite else { return }
        let parsed: MockRequestParser.Parsed
        do {
            guard let request = try MockRequestParser.parse(connection.input) else { return }
            parsed = request
        } catch {
            let reply = MockReply.text("malformed request: \(error)", status: 400)
            queueOutput([UInt8](reply.serialized(forHEAD: false).bytes), close: true, on: connection)
            return
        }
        connection.input.removeFirst(parsed.length)

        let path = parsed.target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let request = MockRequest(
            method: parsed.method, target: parsed.target, path: path, headers: parsed.headers, body: parsed.body,
            connectionID: connection.id)
        let handler = state.accept(request)
        var reply = handler(request)
        if parsed.closeAfter {
            reply.closeConnection = true
        }
        connection.awaitingReply = true
        schedule(reply, isHEAD: parsed.method == "HEAD", on: connection)
    }

    private func closeConnection(_ connection: Connection) {
        guard connections.removeValue(forKey: connection.id) != nil else { return }
        close(connection.descriptor)
        let dropped = pending.filter { $0.connectionID == connection.id }.count
        pending.removeAll { $0.connectionID == connection.id }
        if dropped > 0 {
            state.withShared { $0.inFlight -= dropped }
        }
    }

    // MARK: Replies

    private func schedule(_ reply: MockReply, isHEAD: Bool, on connection: Connection) {
        let now = ContinuousClock.now
        let gate = state.withShared { $0.gate }
        if let release = gateReleaseTime, release <= now {
            gateReleaseTime = nil
        }
        let heldUntil = gateReleaseTime ?? now + (gate?.timeout ?? .zero)
        pending.append(PendingReply(
            connectionID: connection.id, reply: reply, isHEAD: isHEAD, isHeld: gate != nil,
            heldUntil: heldUntil, due: now + reply.delay))

        // Once enough requests are held, wait a moment before releasing them, so that
        // a client sending more than the gate's count at once is seen doing so.
        if let gate, gateReleaseTime == nil, pending.filter(\.isHeld).count >= gate.count {
            let release = now + gate.settle
            gateReleaseTime = release
            for index in pending.indices where pending[index].isHeld {
                pending[index].heldUntil = min(pending[index].heldUntil, release)
            }
        }
    }

    /// Release held replies whose hold timed out, then send every reply that is due.
    private func processTimers() {
        let now = ContinuousClock.now
        for index in pending.indices where pending[index].isHeld && pending[index].heldUntil <= now {
            pending[index].isHeld = false
            pending[index].due = now + pending[index].reply.delay
        }
        let due = pending.filter { !$0.isHeld && $0.due <= now }.sorted { $0.due < $1.due }
        pending.removeAll { !$0.isHeld && $0.due <= now }
        for reply in due {
            send(reply)
        }
    }

    private func send(_ pending: PendingReply) {
        state.withShared { $0.inFlight -= 1 }
        guard let connection = connections[pending.connectionID] else { return }
        connection.awaitingReply = false
        let (bytes, close) = pending.reply.serialized(forHEAD: pending.isHEAD)
        if case .dropConnection = pending.reply.action {
            closeConnection(connection)
            return
        }
        queueOutput([UInt8](bytes), close: close, on: connection)
        if connections[connection.id] != nil {
            parseNextRequest(connection)
        }
    }

    private func queueOutput(_ bytes: [UInt8], close: Bool, on connection: Connection) {
        connection.output.append(contentsOf: bytes)
        connection.closeAfterWrite = connection.closeAfterWrite || close
        flush(connection)
    }

    private func flush(_ connection: Connection) {
        while connection.outputOffset < connection.output.count {
            let count = connection.output[connection.outputOffset...].withUnsafeBytes { bytes in
                Glibc.send(connection.descriptor, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
            }
            if count > 0 {
                connection.outputOffset += count
            } else if count < 0 && errno == EINTR {
                continue
            } else if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                return
            } else {
                closeConnection(connection)
                return
            }
        }
        connection.output.removeAll(keepingCapacity: true)
        connection.outputOffset = 0
        if connection.closeAfterWrite {
            closeConnection(connection)
        }
    }

    // MARK: Loop housekeeping

    private func pollTimeoutMilliseconds() -> Int32 {
        guard let next = pending.map(\.nextEvent).min() else { return -1 }
        let wait = next - ContinuousClock.now
        guard wait > .zero else { return 0 }
        let (seconds, attoseconds) = wait.components
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(min(milliseconds, Int64(Int32.max)))
    }

    static func makeNonBlocking(_ descriptor: Int32) {
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
    }

    private func drainWakePipe() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while Glibc.read(wakeRead, &buffer, buffer.count) > 0 {}
    }

    private func closeEverything() {
        for connection in Array(connections.values) {
            closeConnection(connection)
        }
        close(listener)
        close(wakeRead)
        close(wakeWrite)
    }
}
