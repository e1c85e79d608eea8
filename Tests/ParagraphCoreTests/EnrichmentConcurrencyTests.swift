import Foundation
import Testing
@testable import ParagraphCore

/// `ProviderRuntime.run` with stub adapters: per-provider limits, and a slow provider that does not hold up another.
@Suite struct EnrichmentConcurrencyTests {
    /// Counts calls and the highest number in flight at once.
    actor Gauge {
        var inFlight = 0
        var maxInFlight = 0
        var finished: [Provider] = []

        func start() {
            inFlight += 1
            maxInFlight = max(maxInFlight, inFlight)
        }

        func end(_ provider: Provider) {
            inFlight -= 1
            finished.append(provider)
        }
    }

    struct StubProvider: ModelProvider {
        let provider: Provider
        let delay: Duration
        let gauge: Gauge

        func complete(_ request: ModelRequest) async throws -> ModelResponse {
            await gauge.start()
            try await Task.sleep(for: delay)
            await gauge.end(provider)
            return ModelResponse(
                text: #"{"description":"A stub answer."}"#, json: .object([("description", .string("A stub answer."))]),
                usage: TokenUsage(inputTokens: 10, outputTokens: 5), costUSD: 0.001, reportedModel: request.model)
        }

        func listModels() async throws -> [String] { [] }
    }

    static func jobs(_ provider: Provider, count: Int, offset: Int) -> [WorkflowJob] {
        (0..<count).map { index in
            WorkflowJob(
                pageIndex: offset + index, page: "content/\(provider.rawValue)-\(index).md", workflow: .seo, provider: provider,
                model: "stub", fields: [.description],
                request: ModelRequest(model: "stub", systemPrompt: "s", userText: "u", maxOutputTokens: 10))
        }
    }

    static func runtime(_ adapters: [Provider: any ModelProvider], concurrency: [Provider: Int], budget: Double? = nil) -> ProviderRuntime {
        var configuration = SiteConfiguration()
        for (provider, limit) in concurrency {
            configuration.providers[provider] = SiteConfiguration.ProviderSettings(models: nil, maxConcurrency: limit, requestsPerMinute: nil, baseURL: nil)
        }
        configuration.budget.maxUSDPerBuild = budget
        return ProviderRuntime(
            adapters: adapters, limiters: ProviderRuntime.limiters(for: Set(adapters.keys), configuration: configuration),
            retry: RetryDriver(policy: RetryPolicy(maxAttempts: 1)),
            budget: SpendingBudget(configuration: configuration.budget, lock: LockFile(), now: Date()), catalog: .standard)
    }

    @Test func slowProviderDoesNotStallOthers() async {
        let slowGauge = Gauge()
        let fastGauge = Gauge()
        let runtime = Self.runtime(
            [.anthropic: StubProvider(provider: .anthropic, delay: .milliseconds(600), gauge: slowGauge),
             .openai: StubProvider(provider: .openai, delay: .milliseconds(10), gauge: fastGauge)],
            concurrency: [.anthropic: 2, .openai: 4])
        let jobs = Self.jobs(.anthropic, count: 4, offset: 0) + Self.jobs(.openai, count: 40, offset: 4)

        let answers = await runtime.run(jobs)

        #expect(answers.count == jobs.count)
        #expect(answers.values.allSatisfy { $0.values[.description] == .text("A stub answer.") })
        #expect(await slowGauge.maxInFlight == 2)
        #expect(await fastGauge.maxInFlight == 4)
        #expect(await fastGauge.finished.count == 40)
        #expect(await slowGauge.finished.count == 4)
    }

    /// A provider that answers only once `release` returns true, or after 10 seconds.
    struct GatedProvider: ModelProvider {
        let provider: Provider
        let release: @Sendable () -> Bool

        func complete(_ request: ModelRequest) async throws -> ModelResponse {
            for _ in 0..<1000 where !release() {
                try await Task.sleep(for: .milliseconds(10))
            }
            return ModelResponse(
                text: "{}", json: .object([("description", .string("A gated answer."))]),
                usage: TokenUsage(inputTokens: 1, outputTokens: 1), costUSD: 0, reportedModel: request.model)
        }

        func listModels() async throws -> [String] { [] }
    }

    @Test func fastJobsFinishWhileSlowOnesWait() async {
        let order = OrderRecorder()
        // The slow provider answers only after every fast job has finished, so a stall would show as a 10-second wait.
        let gated = GatedProvider(provider: .anthropic, release: { order.values.filter { $0 == .openai }.count == 20 })
        var runtime = Self.runtime(
            [.anthropic: gated, .openai: StubProvider(provider: .openai, delay: .milliseconds(5), gauge: Gauge())],
            concurrency: [.anthropic: 1, .openai: 4])
        runtime.onJobFinished = { job, _, _ in order.append(job.provider) }

        let started = ContinuousClock.now
        _ = await runtime.run(Self.jobs(.anthropic, count: 2, offset: 0) + Self.jobs(.openai, count: 20, offset: 2))
        let elapsed = ContinuousClock.now - started

        let finished = order.values
        #expect(Array(finished.prefix(20)) == Array(repeating: .openai, count: 20), "\(finished)")
        #expect(finished.suffix(2) == [.anthropic, .anthropic])
        #expect(elapsed < .seconds(9))
    }

    @Test func budgetCapsSpendingWithManyInFlight() async {
        let gauge = Gauge()
        // Each request reserves gpt-5-mini's price of its 500 output tokens, $0.001, and the stub bills $0.001.
        let runtime = Self.runtime(
            [.openai: StubProvider(provider: .openai, delay: .milliseconds(20), gauge: gauge)],
            concurrency: [.openai: 16], budget: 0.0105)
        var jobs = Self.jobs(.openai, count: 30, offset: 0)
        jobs = jobs.map { job in
            WorkflowJob(
                pageIndex: job.pageIndex, page: job.page, workflow: job.workflow, provider: .openai, model: "gpt-5-mini",
                fields: job.fields, request: ModelRequest(model: "gpt-5-mini", systemPrompt: "s", userText: "u", maxOutputTokens: 500))
        }

        let answers = await runtime.run(jobs)

        let sent = answers.values.filter { !$0.requests.isEmpty }.count
        let stopped = answers.values.filter(\.stoppedByBudget).count
        #expect(sent == 10)
        #expect(stopped == 20)
        #expect(await runtime.budget.spent <= 0.0105)
        #expect(await gauge.maxInFlight == 10)
    }
}

/// A thread-safe list of providers in the order their jobs finished.
final class OrderRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Provider] = []

    func append(_ provider: Provider) { lock.withLock { stored.append(provider) } }

    var values: [Provider] { lock.withLock { stored } }
}
