/// Runs an operation until it succeeds or `RetryPolicy` gives up.
public struct RetryDriver: Sendable {
    /// One retry about to happen, for logging.
    public struct Retry: Sendable {
        /// The number of the attempt that failed, 1 for the first.
        public var failedAttempt: Int
        public var wait: Duration
        public var error: any Error
    }

    public var policy: RetryPolicy
    public var clock: any MonotonicClock
    /// Returns a number in `0..<1` for the backoff's jitter.
    public var random: @Sendable () -> Double
    /// Called before each wait.
    public var onRetry: (@Sendable (Retry) -> Void)?

    public init(
        policy: RetryPolicy = RetryPolicy(), clock: any MonotonicClock = SystemMonotonicClock(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        onRetry: (@Sendable (Retry) -> Void)? = nil
    ) {
        self.policy = policy
        self.clock = clock
        self.random = random
        self.onRetry = onRetry
    }

    /// Call `operation` with the attempt number, from 1, until it returns or the policy gives up.
    ///
    /// Only errors conforming to `RetryClassifiable` are retried. Any other error,
    /// such as `CancellationError`, is rethrown at once. So is a failure whose
    /// class is never retried.
    ///
    /// - Throws: The operation's error when it is not retried, or
    ///   `RetriesExhaustedError` when retryable failures ran out of attempts or budget.
    public func run<Value>(_ operation: (_ attempt: Int) async throws -> Value) async throws -> Value {
        let start = clock.now
        var attempt = 1
        while true {
            do {
                return try await operation(attempt)
            } catch let error as any RetryClassifiable {
                let decision = policy.decide(
                    after: error.classifiedFailure, attempt: attempt, elapsed: clock.now - start, random: random())
                switch decision {
                case .retry(let wait):
                    onRetry?(Retry(failedAttempt: attempt, wait: wait, error: error))
                    try await clock.sleep(for: wait)
                    attempt += 1
                case .giveUp(.notRetryable):
                    throw error
                case .giveUp(let reason):
                    throw RetriesExhaustedError(attempts: attempt, reason: reason, lastError: error)
                }
            }
        }
    }
}

/// A retryable failure that ran out of attempts or of retry budget.
public struct RetriesExhaustedError: Error, CustomStringConvertible {
    public var attempts: Int
    public var reason: RetryPolicy.GiveUpReason
    public var lastError: any Error

    public var description: String {
        "\(lastError) (gave up after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(reason))"
    }
}
