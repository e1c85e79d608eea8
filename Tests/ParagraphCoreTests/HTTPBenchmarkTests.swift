import Foundation
import Testing
@testable import ParagraphCore

/// Wall time of many delayed requests through the client and a limiter.
///
/// Run by `bench/http-concurrency/run.sh`, which sets `PARAGRAPH_BENCH=1`. The
/// ideal time is the number of batches times the mock's delay.
@Suite struct HTTPBenchmarkTests {
    static let isEnabled = ProcessInfo.processInfo.environment["PARAGRAPH_BENCH"] == "1"

    @Test(.enabled(if: isEnabled, "set PARAGRAPH_BENCH=1 to run benchmarks"))
    func delayedRequestsWallTime() async throws {
        let requestCount = 200
        let limit = 50
        let delay = Duration.milliseconds(100)
        let runs = 5

        let server = try MockHTTPServer()
        server.route("POST", "/v1/chat/completions") { _ in .json(#"{"choices":[]}"#, delay: delay) }
        let client = try HTTPClient()
        let limiter = ConcurrencyLimiter(maxInFlight: limit)
        let url = server.baseURL + "/v1/chat/completions"

        var wallTimes: [Duration] = []
        for _ in 0..<runs {
            let started = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<requestCount {
                    group.addTask {
                        let response = try await limiter.withPermit {
                            try await client.send(HTTPRequest(method: .post, url: url, body: Data("{}".utf8)))
                        }
                        #expect(response.status == 200)
                    }
                }
                try await group.waitForAll()
            }
            wallTimes.append(ContinuousClock.now - started)
        }

        let ideal = delay * ((requestCount + limit - 1) / limit)
        let sorted = wallTimes.sorted()
        let median = sorted[sorted.count / 2]
        let seconds = { (duration: Duration) in String(format: "%.3f", Double(duration.components.attoseconds) / 1e18 + Double(duration.components.seconds)) }
        print("BENCH http-concurrency requests=\(requestCount) limit=\(limit) delay_ms=100 runs=\(runs)"
            + " wall_s=[\(wallTimes.map(seconds).joined(separator: ","))] median_s=\(seconds(median))"
            + " ideal_s=\(seconds(ideal)) ratio=\(String(format: "%.3f", (median / ideal)))")
        #expect(server.requests.count == requestCount * runs)
        #expect(server.maxInFlight <= limit)
    }
}
