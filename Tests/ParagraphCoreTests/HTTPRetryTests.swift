import Foundation
import Testing
@testable import ParagraphCore

/// An adapter's error for the driver tests: a response classified by its status and body.
private struct ProviderFailure: RetryClassifiable, Equatable {
    var status: Int
    var classifiedFailure: ClassifiedFailure
}

/// Hands out scripted results, one per attempt.
private final class Script: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<String, ProviderFailure>]
    private(set) var attempts: [Int] = []

    init(_ results: [Result<String, ProviderFailure>]) {
        self.results = results
    }

    func next(attempt: Int) throws -> String {
        try lock.withLock {
            attempts.append(attempt)
            return try results.removeFirst().get()
        }
    }
}

private func failure(_ status: Int, _ failureClass: FailureClass, retryAfter: Duration? = nil) -> Result<String, ProviderFailure> {
    .failure(ProviderFailure(status: status, classifiedFailure: ClassifiedFailure(failureClass, retryAfter: retryAfter)))
}

@Suite struct HTTPFailureClassTests {
    @Test func statusTable() {
        let expected: [(Int, FailureClass?)] = [
            (200, nil), (204, nil),
            (301, .unexpectedResponse), (302, .unexpectedResponse),
            (400, .invalidRequest), (404, .invalidRequest), (422, .invalidRequest), (413, .invalidRequest),
            (401, .invalidKey), (403, .invalidKey),
            (402, .quotaExhausted),
            (429, .rateLimited),
            (408, .serverUnavailable), (500, .serverUnavailable), (502, .serverUnavailable),
            (503, .serverUnavailable), (504, .serverUnavailable), (529, .serverUnavailable),
            (501, .unexpectedResponse), (505, .unexpectedResponse),
        ]
        for (status, failureClass) in expected {
            #expect(FailureClass(status: status) == failureClass, "status \(status)")
        }
    }

    @Test func retryableClasses() {
        let retried: Set<FailureClass> = [.rateLimited, .serverUnavailable, .connectionFailed]
        for failureClass in FailureClass.allCases {
            #expect(failureClass.isRetryable == retried.contains(failureClass), "\(failureClass)")
        }
    }

    @Test func httpErrorsClassified() {
        #expect(HTTPError.connectionFailed("refused").classifiedFailure.failureClass == .connectionFailed)
        #expect(HTTPError.timedOut("30 s").classifiedFailure.failureClass == .connectionFailed)
        #expect(HTTPError.incompleteResponse("closed").classifiedFailure.failureClass == .connectionFailed)
        #expect(HTTPError.secretInURL.classifiedFailure.failureClass == .invalidRequest)
        #expect(HTTPError.responseTooLarge(limit: 1).classifiedFailure.failureClass == .unexpectedResponse)
        #expect(HTTPError.tlsFailed("untrusted").classifiedFailure.failureClass == .unexpectedResponse)
    }

    @Test func responseClassifiedWithRetryAfter() {
        let timing = HTTPTiming(connect: .zero, firstByte: .zero, total: .zero)
        let limited = HTTPResponse(status: 429, headers: ["Retry-After": "7"], body: Data(), timing: timing)
        let success = HTTPResponse(status: 200, headers: [:], body: Data(), timing: timing)

        #expect(ClassifiedFailure(response: limited, now: Date()) == ClassifiedFailure(.rateLimited, retryAfter: .seconds(7)))
        #expect(ClassifiedFailure(response: success, now: Date()) == nil)
    }
}

@Suite struct HTTPRetryAfterTests {
    /// Wed, 21 Oct 2015 07:28:00 GMT
    let date = Date(timeIntervalSince1970: 1_445_412_480)

    @Test func deltaSeconds() {
        #expect(RetryAfter.parse("120", now: date) == .seconds(120))
        #expect(RetryAfter.parse(" 0 ", now: date) == .zero)
        #expect(RetryAfter.parse("1.5", now: date) == .milliseconds(1500))
    }

    @Test func httpDateForms() {
        let now = date - 30
        #expect(RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT", now: now) == .seconds(30))
        #expect(RetryAfter.parse("Wednesday, 21-Oct-15 07:28:00 GMT", now: now) == .seconds(30))
        #expect(RetryAfter.parse("Wed Oct 21 07:28:00 2015", now: now) == .seconds(30))
        #expect(RetryAfter.parse("Wed Oct  1 07:28:00 2015", now: Date(timeIntervalSince1970: 1_443_684_450)) == .seconds(30))
    }

    @Test func pastDateMeansNoWait() {
        #expect(RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT", now: date + 60) == .zero)
    }

    @Test func invalidValuesIgnored() {
        for value in ["", "-5", "+5", "1e3", "nan", "inf", "soon", "1.2.3", "Wed, 32 Oct 2015 07:28:00 GMT"] {
            #expect(RetryAfter.parse(value, now: date) == nil, "\(value)")
        }
    }

    @Test func hugeValueClamped() throws {
        let delay = try #require(RetryAfter.parse("99999999999999999999", now: date))
        #expect(delay == .seconds(1_000_000_000))
    }

    @Test func millisecondsHeader() {
        #expect(RetryAfter.parseMilliseconds("250") == .milliseconds(250))
        #expect(RetryAfter.parseMilliseconds("1500.5") == .microseconds(1_500_500))
        #expect(RetryAfter.parseMilliseconds("-1") == nil)
    }

    @Test func millisecondsHeaderTakesPrecedence() {
        let both: HTTPHeaders = ["Retry-After": "3", "retry-after-ms": "250"]
        let invalidMilliseconds: HTTPHeaders = ["Retry-After": "3", "retry-after-ms": "soon"]
        let neither: HTTPHeaders = ["Content-Type": "application/json"]

        #expect(RetryAfter.delay(in: both, now: date) == .milliseconds(250))
        #expect(RetryAfter.delay(in: invalidMilliseconds, now: date) == .seconds(3))
        #expect(RetryAfter.delay(in: neither, now: date) == nil)
    }

    @Test func protobufDuration() {
        #expect(RetryAfter.parseProtobufDuration("27s") == .seconds(27))
        #expect(RetryAfter.parseProtobufDuration("34.4s") == .milliseconds(34_400))
        #expect(RetryAfter.parseProtobufDuration("27") == nil)
        #expect(RetryAfter.parseProtobufDuration("-1s") == nil)
    }

    @Test func googleRetryInfoInErrorBody() {
        let body = Data("""
            {"error": {"code": 429, "message": "Resource has been exhausted.", "status": "RESOURCE_EXHAUSTED",
              "details": [
                {"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": [{"quotaId": "PerMinute"}]},
                {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "27s"}
              ]}}
            """.utf8)
        let withoutRetryInfo = Data(#"{"error": {"code": 429, "details": []}}"#.utf8)

        #expect(RetryAfter.googleRetryDelay(inErrorBody: body) == .seconds(27))
        #expect(RetryAfter.googleRetryDelay(inErrorBody: withoutRetryInfo) == nil)
        #expect(RetryAfter.googleRetryDelay(inErrorBody: Data("not json".utf8)) == nil)
    }
}

@Suite struct HTTPRetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 4, budget: .seconds(60), initialBackoff: .seconds(1), maxBackoff: .seconds(8))

    @Test func decisionPerClass() {
        for failureClass in FailureClass.allCases {
            let decision = policy.decide(after: ClassifiedFailure(failureClass), attempt: 1, elapsed: .zero, random: 0.5)
            if failureClass.isRetryable {
                #expect(decision == .retry(after: .milliseconds(750)), "\(failureClass)")
            } else {
                #expect(decision == .giveUp(.notRetryable(failureClass)), "\(failureClass)")
            }
        }
    }

    @Test func retryAfterHonoured() {
        let failure = ClassifiedFailure(.rateLimited, retryAfter: .seconds(7))
        #expect(policy.decide(after: failure, attempt: 1, elapsed: .zero, random: 0.9) == .retry(after: .seconds(7)))
        #expect(policy.decide(after: failure, attempt: 3, elapsed: .seconds(10), random: 0.1) == .retry(after: .seconds(7)))
    }

    @Test func waitBeyondBudgetGivesUp() {
        let failure = ClassifiedFailure(.rateLimited, retryAfter: .seconds(45))
        #expect(policy.decide(after: failure, attempt: 1, elapsed: .seconds(20), random: 0)
            == .giveUp(.waitExceedsBudget(wait: .seconds(45), remaining: .seconds(40))))
        #expect(policy.decide(after: failure, attempt: 1, elapsed: .seconds(15), random: 0) == .retry(after: .seconds(45)))
    }

    @Test func spentBudgetGivesUp() {
        let decision = policy.decide(after: ClassifiedFailure(.serverUnavailable), attempt: 1, elapsed: .seconds(61), random: 0)
        #expect(decision == .giveUp(.waitExceedsBudget(wait: .milliseconds(500), remaining: .zero)))
    }

    @Test func attemptsBounded() {
        let failure = ClassifiedFailure(.serverUnavailable)
        #expect(policy.decide(after: failure, attempt: 3, elapsed: .zero, random: 0) == .retry(after: .seconds(2)))
        #expect(policy.decide(after: failure, attempt: 4, elapsed: .zero, random: 0) == .giveUp(.attemptsExhausted(4)))
    }

    @Test func backoffDoublesWithJitter() {
        #expect(policy.backoff(attempt: 1, random: 0) == .milliseconds(500))
        #expect(policy.backoff(attempt: 1, random: 1) == .seconds(1))
        #expect(policy.backoff(attempt: 2, random: 1) == .seconds(2))
        #expect(policy.backoff(attempt: 3, random: 0.5) == .seconds(3))
        #expect(policy.backoff(attempt: 4, random: 1) == .seconds(8))
        #expect(policy.backoff(attempt: 10, random: 1) == .seconds(8))
        #expect(policy.backoff(attempt: 100, random: 0) == .seconds(4))
    }

    @Test func giveUpReasonsReadable() {
        let reason = RetryPolicy.GiveUpReason.waitExceedsBudget(wait: .milliseconds(90_500), remaining: .seconds(40))
        #expect(reason.description == "the next retry would wait 90.5 s, longer than the 40 s left of the retry budget")
        #expect(RetryPolicy.GiveUpReason.attemptsExhausted(4).description == "all 4 attempts failed")
    }
}

@Suite struct HTTPRetryDriverTests {
    let policy = RetryPolicy(maxAttempts: 4, budget: .seconds(60), initialBackoff: .seconds(1), maxBackoff: .seconds(8))

    private func driver(_ clock: FakeClock) -> RetryDriver {
        RetryDriver(policy: policy, clock: clock, random: { 0.5 })
    }

    @Test func serverErrorsRetriedWithBackoff() async throws {
        let clock = FakeClock()
        let script = Script([failure(503, .serverUnavailable), failure(529, .serverUnavailable), .success("done")])

        let value = try await driver(clock).run { try script.next(attempt: $0) }

        #expect(value == "done")
        #expect(script.attempts == [1, 2, 3])
        #expect(clock.recordedSleeps == [.milliseconds(750), .milliseconds(1500)])
    }

    @Test func retryAfterWaitHonoured() async throws {
        let clock = FakeClock()
        let script = Script([failure(429, .rateLimited, retryAfter: .seconds(7)), .success("done")])

        _ = try await driver(clock).run { try script.next(attempt: $0) }

        #expect(clock.recordedSleeps == [.seconds(7)])
    }

    @Test func nonRetryableThrownAtOnce() async throws {
        let cases: [(Int, FailureClass)] = [
            (401, .invalidKey), (403, .invalidKey), (429, .quotaExhausted), (402, .quotaExhausted),
            (400, .invalidRequest), (404, .invalidRequest), (422, .invalidRequest), (200, .safetyBlocked),
        ]
        for (status, failureClass) in cases {
            let clock = FakeClock()
            let script = Script([failure(status, failureClass), .success("unreached")])

            await #expect(throws: ProviderFailure(status: status, classifiedFailure: ClassifiedFailure(failureClass))) {
                try await driver(clock).run { try script.next(attempt: $0) }
            }
            #expect(script.attempts == [1], "\(status) \(failureClass)")
            #expect(clock.recordedSleeps.isEmpty, "\(status) \(failureClass)")
        }
    }

    @Test func longRetryAfterGivesUpAtOnce() async throws {
        let clock = FakeClock()
        let script = Script([failure(429, .rateLimited, retryAfter: .seconds(600)), .success("unreached")])

        let error = await #expect(throws: RetriesExhaustedError.self) {
            try await driver(clock).run { try script.next(attempt: $0) }
        }

        #expect(error?.attempts == 1)
        #expect(error?.reason == .waitExceedsBudget(wait: .seconds(600), remaining: .seconds(60)))
        #expect(script.attempts == [1])
        #expect(clock.recordedSleeps.isEmpty)
    }

    @Test func budgetCountsAttemptTime() async throws {
        let clock = FakeClock()
        let script = Script([failure(503, .serverUnavailable), failure(503, .serverUnavailable), .success("unreached")])

        let error = await #expect(throws: RetriesExhaustedError.self) {
            try await driver(clock).run { attempt in
                clock.advance(by: .seconds(40))
                return try script.next(attempt: attempt)
            }
        }

        #expect(error?.attempts == 2)
        #expect(script.attempts == [1, 2])
        #expect(clock.recordedSleeps == [.milliseconds(750)])
    }

    @Test func attemptsExhausted() async throws {
        let clock = FakeClock()
        let script = Script(Array(repeating: failure(500, .serverUnavailable), count: 5))

        let error = await #expect(throws: RetriesExhaustedError.self) {
            try await driver(clock).run { try script.next(attempt: $0) }
        }

        #expect(error?.attempts == 4)
        #expect(error?.reason == .attemptsExhausted(4))
        #expect(clock.recordedSleeps.count == 3)
        #expect(error?.lastError is ProviderFailure)
    }

    @Test func connectionErrorsRetried() async throws {
        let clock = FakeClock()
        let attempts = LogLines()

        let value = try await driver(clock).run { attempt -> Int in
            attempts.append("\(attempt)")
            if attempt < 3 { throw HTTPError.connectionFailed("refused") }
            return attempt
        }

        #expect(value == 3)
        #expect(attempts.lines == ["1", "2", "3"])
    }

    @Test func cancellationNotRetried() async throws {
        let clock = FakeClock()
        let attempts = LogLines()

        await #expect(throws: CancellationError.self) {
            try await driver(clock).run { attempt -> Int in
                attempts.append("\(attempt)")
                throw CancellationError()
            }
        }
        #expect(attempts.lines == ["1"])
    }

    @Test func retriesReported() async throws {
        let clock = FakeClock()
        let lines = LogLines()
        var driver = driver(clock)
        driver.onRetry = { retry in lines.append("attempt \(retry.failedAttempt) failed, waiting \(retry.wait.formattedSeconds)") }
        let script = Script([failure(503, .serverUnavailable), .success("done")])

        _ = try await driver.run { try script.next(attempt: $0) }

        #expect(lines.lines == ["attempt 1 failed, waiting 0.75 s"])
    }

    @Test func adapterSuppliesGeminiDelay() async throws {
        let server = try MockHTTPServer()
        let body = #"{"error":{"code":429,"status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"27s"}]}}"#
        let counter = LogLines()
        server.route("POST", "/v1beta/models/gemini:generateContent") { _ in
            counter.append("request")
            return counter.lines.count == 1 ? .json(body, status: 429) : .json(#"{"candidates":[]}"#)
        }
        let client = try HTTPClient()
        let clock = FakeClock()
        let url = server.baseURL + "/v1beta/models/gemini:generateContent"

        // A minimal adapter: the status gives the class, the body gives the delay.
        let response = try await driver(clock).run { _ -> HTTPResponse in
            let response = try await client.send(HTTPRequest(method: .post, url: url, body: Data("{}".utf8)))
            guard var failure = ClassifiedFailure(response: response, now: Date()) else { return response }
            failure.retryAfter = failure.retryAfter ?? RetryAfter.googleRetryDelay(inErrorBody: response.body)
            throw ProviderFailure(status: response.status, classifiedFailure: failure)
        }

        #expect(response.status == 200)
        #expect(clock.recordedSleeps == [.seconds(27)])
        #expect(server.requests.count == 2)
    }

    @Test func mockRetryAfterHeaderHonoured() async throws {
        let server = try MockHTTPServer()
        let counter = LogLines()
        server.route("GET", "/v1/models") { _ in
            counter.append("request")
            switch counter.lines.count {
            case 1: return .json("{}", status: 503, headers: [("Retry-After", "2")])
            case 2: return .json("{}", status: 429, headers: [("retry-after-ms", "1500"), ("Retry-After", "2")])
            default: return .json(#"{"data":[]}"#)
            }
        }
        let client = try HTTPClient()
        let clock = FakeClock()
        let url = server.baseURL + "/v1/models"

        let response = try await driver(clock).run { _ -> HTTPResponse in
            let response = try await client.send(HTTPRequest(url: url))
            if let failure = ClassifiedFailure(response: response, now: Date()) {
                throw ProviderFailure(status: response.status, classifiedFailure: failure)
            }
            return response
        }

        #expect(response.status == 200)
        #expect(clock.recordedSleeps == [.seconds(2), .milliseconds(1500)])
    }
}
