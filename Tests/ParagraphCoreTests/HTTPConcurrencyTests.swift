import Foundation
import Testing
@testable import ParagraphCore

/// Counts tasks inside a section and keeps the highest count seen.
private actor OccupancyCounter {
    private(set) var current = 0
    private(set) var maximum = 0

    func enter() {
        current += 1
        maximum = max(maximum, current)
    }

    func leave() {
        current -= 1
    }
}

@Suite struct HTTPConcurrencyLimiterTests {
    @Test func limitCapsConcurrency() async throws {
        let limiter = ConcurrencyLimiter(maxInFlight: 3)
        let counter = OccupancyCounter()

        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await limiter.withPermit {
                        await counter.enter()
                        try await Task.sleep(for: .milliseconds(5))
                        await counter.leave()
                    }
                }
            }
            try await group.waitForAll()
        }

        #expect(await counter.maximum <= 3)
        #expect(await counter.maximum >= 1)
        #expect(await limiter.currentInFlight == 0)
    }

    @Test func waitersServedInOrder() async throws {
        let limiter = ConcurrencyLimiter(maxInFlight: 1)
        let order = LogLines()
        try await limiter.acquire()

        var tasks: [Task<Void, any Error>] = []
        for name in ["first", "second", "third"] {
            let expectedWaiting = tasks.count + 1
            tasks.append(Task {
                try await limiter.withPermit { order.append(name) }
            })
            while await limiter.waitingCount < expectedWaiting {
                await Task.yield()
            }
        }
        await limiter.release()
        for task in tasks {
            try await task.value
        }

        #expect(order.lines == ["first", "second", "third"])
        #expect(await limiter.currentInFlight == 0)
    }

    @Test func cancelledWaiterThrows() async throws {
        let limiter = ConcurrencyLimiter(maxInFlight: 1)
        try await limiter.acquire()

        let waiter = Task { try await limiter.acquire() }
        while await limiter.waitingCount < 1 {
            await Task.yield()
        }
        waiter.cancel()

        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(await limiter.waitingCount == 0)
        await limiter.release()
        #expect(await limiter.currentInFlight == 0)
    }

    @Test func permitReturnedWhenBodyThrows() async throws {
        let limiter = ConcurrencyLimiter(maxInFlight: 1)

        await #expect(throws: HTTPError.clientShutDown) {
            try await limiter.withPermit { throw HTTPError.clientShutDown }
        }

        #expect(await limiter.currentInFlight == 0)
    }

    @Test func requestsPerMinutePaced() async throws {
        let clock = FakeClock()
        let limiter = ConcurrencyLimiter(maxInFlight: 10, requestsPerMinute: 2, clock: clock)

        for _ in 0..<3 {
            try await limiter.acquire()
            await limiter.release()
        }
        #expect(clock.recordedSleeps == [.seconds(60)])

        // At 60 s only the third start is within the last minute, so the fourth need not wait.
        try await limiter.acquire()
        await limiter.release()
        #expect(clock.recordedSleeps == [.seconds(60)])
    }
}

@Suite struct HTTPConcurrencyTests {
    @Test func limitOf50HoldsAtMockServer() async throws {
        let server = try MockHTTPServer()
        server.route("POST", "/v1/chat/completions") { request in .json(#"{"id":"\#(request.bodyText)"}"#) }
        server.holdRequests(untilInFlight: 50, timeout: .seconds(2))
        let client = try HTTPClient()
        let limiter = ConcurrencyLimiter(maxInFlight: 50)
        let url = server.baseURL + "/v1/chat/completions"

        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<200 {
                group.addTask {
                    try await limiter.withPermit {
                        let request = HTTPRequest(method: .post, url: url, body: Data("\(index)".utf8))
                        return try await client.send(request).status
                    }
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }

        #expect(statuses.count == 200)
        #expect(statuses.allSatisfy { $0 == 200 })
        #expect(server.requests.count == 200)
        #expect(Set(server.requests.map(\.bodyText)).count == 200)
        #expect(server.maxInFlight == 50)

        let statistics = client.loop.statistics.withLock { $0 }
        let loopThread = try #require(statistics.loopThreadID)
        #expect(statistics.callbackThreadIDs == [loopThread])
        #expect(statistics.completedTransfers == 200)
        #expect(loopThread != currentThreadID())
    }
}
