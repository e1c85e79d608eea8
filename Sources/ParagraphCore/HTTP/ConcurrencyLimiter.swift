/// Limits how many requests to one provider run at once, and optionally how many start per minute.
///
/// Waiters get permits in the order they called `acquire()`. A task cancelled while it
/// waits stops waiting and throws `CancellationError`.
public actor ConcurrencyLimiter {
    public nonisolated let maxInFlight: Int
    /// At most this many requests start in any 60-second window, when set.
    public nonisolated let requestsPerMinute: Int?
    private let clock: any MonotonicClock

    private var inFlight = 0
    private var waiters: [(id: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
    private var nextWaiterID: UInt64 = 0
    /// Start times handed out within the last minute, some possibly in the future, in ascending order.
    private var startTimes: [Duration] = []
    private static let window = Duration.seconds(60)

    public init(maxInFlight: Int, requestsPerMinute: Int? = nil, clock: any MonotonicClock = SystemMonotonicClock()) {
        precondition(maxInFlight >= 1, "maxInFlight must be at least 1")
        precondition(requestsPerMinute.map { $0 >= 1 } ?? true, "requestsPerMinute must be at least 1")
        self.maxInFlight = maxInFlight
        self.requestsPerMinute = requestsPerMinute
        self.clock = clock
    }

    /// Run `body` while holding a permit, and give the permit back however `body` ends.
    public nonisolated func withPermit<Value: Sendable>(_ body: @Sendable () async throws -> Value) async throws -> Value {
        try await acquire()
        do {
            let value = try await body()
            await release()
            return value
        } catch {
            await release()
            throw error
        }
    }

    /// Wait for a permit and, with `requestsPerMinute`, for a free start in the window.
    /// Every successful call must be matched by one `release()`.
    public func acquire() async throws {
        try Task.checkCancellation()
        if inFlight < maxInFlight && waiters.isEmpty {
            inFlight += 1
        } else {
            try await waitForPermit()
        }

        guard let requestsPerMinute else { return }
        let wait = reserveStart(requestsPerMinute: requestsPerMinute) - clock.now
        guard wait > .zero else { return }
        do {
            try await clock.sleep(for: wait)
        } catch {
            release()
            throw error
        }
    }

    /// Give a permit back, passing it straight to the longest waiter if there is one.
    public func release() {
        if waiters.isEmpty {
            precondition(inFlight > 0, "release() without a matching acquire()")
            inFlight -= 1
        } else {
            waiters.removeFirst().continuation.resume()
        }
    }

    /// Requests holding a permit now.
    public var currentInFlight: Int { inFlight }

    /// Tasks waiting for a permit now.
    public var waitingCount: Int { waiters.count }

    private func waitForPermit() async throws {
        let id = nextWaiterID
        nextWaiterID += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                waiters.append((id, continuation))
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    /// Stop a waiter that has not got its permit yet. A waiter that already has it keeps it.
    private func cancelWaiter(_ id: UInt64) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: CancellationError())
    }

    /// Book the earliest start that keeps at most `requestsPerMinute` starts in any window.
    private func reserveStart(requestsPerMinute: Int) -> Duration {
        let now = clock.now
        startTimes.removeAll { $0 <= now - Self.window }
        var start = now
        if startTimes.count >= requestsPerMinute {
            start = max(now, startTimes[startTimes.count - requestsPerMinute] + Self.window)
        }
        let index = startTimes.firstIndex { $0 > start } ?? startTimes.count
        startTimes.insert(start, at: index)
        return start
    }
}
