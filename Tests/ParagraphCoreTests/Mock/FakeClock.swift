import Foundation
@testable import ParagraphCore

/// A clock whose `sleep` returns at once after moving the time forward, so retry tests never wait.
final class FakeClock: MonotonicClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current = Duration.zero
    private var sleeps: [Duration] = []

    var now: Duration {
        lock.withLock { current }
    }

    /// Every wait asked for, in order.
    var recordedSleeps: [Duration] {
        lock.withLock { sleeps }
    }

    func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        lock.withLock {
            sleeps.append(duration)
            current += duration
        }
    }

    /// Move the time forward, as if an attempt took this long.
    func advance(by duration: Duration) {
        lock.withLock { current += duration }
    }
}
