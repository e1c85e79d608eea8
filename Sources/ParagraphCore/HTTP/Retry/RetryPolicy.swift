/// When to retry a failed request and how long to wait first.
///
/// Pure logic: the caller passes the time already spent and a random number,
/// so the same inputs always give the same decision.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in total, counting the first.
    public var maxAttempts: Int
    /// Time allowed from the start of the first attempt to the start of the last,
    /// waits included. A wait that would pass it ends the retries at once.
    public var budget: Duration
    /// Backoff before the first retry, doubled for each later one.
    public var initialBackoff: Duration
    public var maxBackoff: Duration

    public init(
        maxAttempts: Int = 4, budget: Duration = .seconds(120),
        initialBackoff: Duration = .milliseconds(500), maxBackoff: Duration = .seconds(30)
    ) {
        precondition(maxAttempts >= 1, "a retry policy needs at least one attempt")
        self.maxAttempts = maxAttempts
        self.budget = budget
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
    }

    public enum Decision: Sendable, Equatable {
        case retry(after: Duration)
        case giveUp(GiveUpReason)
    }

    public enum GiveUpReason: Sendable, Equatable, CustomStringConvertible {
        case notRetryable(FailureClass)
        case attemptsExhausted(Int)
        /// The wait, from the server or the backoff, is longer than what is left of the budget.
        case waitExceedsBudget(wait: Duration, remaining: Duration)

        public var description: String {
            switch self {
            case .notRetryable(let failureClass):
                return "\(failureClass) is not retried"
            case .attemptsExhausted(let attempts):
                return "all \(attempts) attempts failed"
            case .waitExceedsBudget(let wait, let remaining):
                return "the next retry would wait \(wait.formattedSeconds), longer than the \(remaining.formattedSeconds) left of the retry budget"
            }
        }
    }

    /// Decide what follows a failed attempt.
    ///
    /// - Parameters:
    ///   - attempt: The number of the attempt that failed, 1 for the first.
    ///   - elapsed: Time since the first attempt started.
    ///   - random: A number in `0..<1` that sets the jitter.
    public func decide(after failure: ClassifiedFailure, attempt: Int, elapsed: Duration, random: Double) -> Decision {
        guard failure.failureClass.isRetryable else {
            return .giveUp(.notRetryable(failure.failureClass))
        }
        guard attempt < maxAttempts else {
            return .giveUp(.attemptsExhausted(attempt))
        }
        let wait = failure.retryAfter ?? backoff(attempt: attempt, random: random)
        let remaining = budget - elapsed
        guard wait <= remaining else {
            return .giveUp(.waitExceedsBudget(wait: wait, remaining: max(remaining, .zero)))
        }
        return .retry(after: wait)
    }

    /// Return the wait after failed attempt number `attempt`: `initialBackoff` doubled per
    /// earlier retry, capped at `maxBackoff`, then jittered to between half and all of it.
    public func backoff(attempt: Int, random: Double) -> Duration {
        let doublings = min(max(attempt - 1, 0), 30)
        let ceiling = min(initialBackoff * (1 << doublings), maxBackoff)
        let fraction = 0.5 + 0.5 * min(max(random, 0), 1)
        return ceiling * fraction
    }
}

extension Duration {
    /// Seconds with up to three decimals, such as `2.5 s`.
    var formattedSeconds: String {
        let milliseconds = components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
        let whole = milliseconds / 1000
        let fraction = milliseconds % 1000
        guard fraction != 0 else { return "\(whole) s" }
        var decimals = String(fraction)
        decimals = String(repeating: "0", count: 3 - decimals.count) + decimals
        while decimals.hasSuffix("0") { decimals.removeLast() }
        return "\(whole).\(decimals) s"
    }
}
