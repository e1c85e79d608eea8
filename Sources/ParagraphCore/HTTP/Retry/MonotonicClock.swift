/// A monotonic clock that can also wait, injected so tests run retries and rate limits without sleeping.
public protocol MonotonicClock: Sendable {
    /// Time since an arbitrary fixed origin.
    var now: Duration { get }
    /// Wait, throwing `CancellationError` if the task is cancelled.
    func sleep(for duration: Duration) async throws
}

/// `ContinuousClock` and `Task.sleep`.
public struct SystemMonotonicClock: MonotonicClock {
    private let origin = ContinuousClock.now

    public init() {}

    public var now: Duration { ContinuousClock.now - origin }

    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}
