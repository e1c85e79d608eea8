import Foundation

/// One structured request to make for one page and workflow.
struct WorkflowJob: Sendable {
    let pageIndex: Int
    let page: String
    let workflow: Workflow
    let provider: Provider
    let model: String
    let fields: [Field]
    let request: ModelRequest
}

/// The provider's result for one job, after validation and at most one corrective request.
struct WorkflowAnswer: Sendable {
    /// Valid values by field.
    var values: [Field: FieldValue] = [:]
    /// The reason each field without a valid value has none.
    var problems: [Field: String] = [:]
    /// The provider failure that ended the job, as `ProviderError.kind` and its message.
    var failure: (kind: String, message: String)?
    /// Whether a spending limit stopped the job before a request.
    var stoppedByBudget = false
    /// Usage and estimated cost of each request sent, in order.
    var requests: [(usage: TokenUsage, costUSD: Double)] = []
    /// The kinds of the failures that were retried, one entry per retry.
    var retriedFailures: [String] = []

    var usage: TokenUsage {
        requests.reduce(TokenUsage.zero) { total, request in
            TokenUsage(
                inputTokens: total.inputTokens + request.usage.inputTokens,
                outputTokens: total.outputTokens + request.usage.outputTokens)
        }
    }

    var costUSD: Double { requests.reduce(0) { $0 + $1.costUSD } }
}

/// The providers one run calls: an adapter per approved key, the per-provider limits and the shared budget.
struct ProviderRuntime: Sendable {
    var adapters: [Provider: any ModelProvider]
    var limiters: [Provider: ConcurrencyLimiter]
    /// Providers whose key the preflight saw rejected, with the error, so no request goes to them.
    var unavailable: [Provider: ProviderError] = [:]
    var retry: RetryDriver
    var budget: SpendingBudget
    var catalog: ModelCatalog
    /// Called after each finished job with the number of jobs in the run, for progress output.
    var onJobFinished: (@Sendable (WorkflowJob, WorkflowAnswer, Int) -> Void)?

    /// The number of workers per provider: its `max_concurrency`, or 4 when unset.
    static let defaultMaxConcurrency = 4

    /// Makes the limiter for each provider from `providers.<name>.max_concurrency` and `requests_per_minute`.
    static func limiters(for providers: Set<Provider>, configuration: SiteConfiguration) -> [Provider: ConcurrencyLimiter] {
        var limiters: [Provider: ConcurrencyLimiter] = [:]
        for provider in providers {
            let settings = configuration.providers[provider]
            limiters[provider] = ConcurrencyLimiter(
                maxInFlight: max(1, settings?.maxConcurrency ?? defaultMaxConcurrency),
                requestsPerMinute: settings?.requestsPerMinute.map { max(1, $0) })
        }
        return limiters
    }

    /// Returns the price used for budgeting: the catalog's, else the provider's highest catalog price.
    func budgetPrice(_ provider: Provider, _ model: String) -> ModelPrice? {
        catalog.model(provider, model)?.price ?? catalog.highestPrice(of: provider)
    }

    /// Returns the maximum cost of a request: its estimated input and its whole output allowance.
    ///
    /// NOTE: input tokens are estimated at three bytes each and 1,600 per image, so a request
    /// whose real input is much larger can settle above its reservation.
    func maximumCost(of request: ModelRequest, provider: Provider) -> Double {
        guard let price = budgetPrice(provider, request.model) else { return 0 }
        let inputTokens = (request.systemPrompt.utf8.count + request.userText.utf8.count) / 3 + (request.image == nil ? 0 : 1600)
        return TokenUsage(inputTokens: inputTokens, outputTokens: request.maxOutputTokens).cost(at: price)
    }

    /// Runs every job, each provider's through its own workers, so a slow or failing provider never holds up another.
    func run(_ jobs: [WorkflowJob]) async -> [Int: WorkflowAnswer] {
        let byProvider = Dictionary(grouping: jobs.indices, by: { jobs[$0].provider })
        return await withTaskGroup(of: [(Int, WorkflowAnswer)].self) { group in
            for (provider, indices) in byProvider {
                let queue = JobQueue(indices)
                let workers = min(indices.count, limiters[provider]?.maxInFlight ?? Self.defaultMaxConcurrency)
                for _ in 0..<workers {
                    group.addTask {
                        var done: [(Int, WorkflowAnswer)] = []
                        while let index = await queue.next() {
                            let answer = await answer(jobs[index])
                            onJobFinished?(jobs[index], answer, jobs.count)
                            done.append((index, answer))
                        }
                        return done
                    }
                }
            }
            var answers: [Int: WorkflowAnswer] = [:]
            for await batch in group {
                for (index, answer) in batch { answers[index] = answer }
            }
            return answers
        }
    }

    /// Sends one job's request, validates the answer, and sends one corrective request when a field is invalid.
    func answer(_ job: WorkflowJob) async -> WorkflowAnswer {
        var answer = WorkflowAnswer()
        if let error = unavailable[job.provider] {
            answer.failure = (error.kind, error.message)
            return finish(answer, job: job)
        }
        guard let adapter = adapters[job.provider], let limiter = limiters[job.provider] else {
            answer.failure = ("no key", "no approved \(job.provider.displayName) key")
            return finish(answer, job: job)
        }

        var request = job.request
        var remaining = job.fields
        for _ in 0..<2 {
            let reservation = maximumCost(of: request, provider: job.provider)
            guard await budget.reserve(reservation) else {
                answer.stoppedByBudget = true
                break
            }
            let response: ModelResponse
            let sending = request
            let retries = RetryLog()
            var driver = retry
            driver.onRetry = { retry in retries.append(Self.describe(retry.error).kind) }
            defer { answer.retriedFailures += retries.kinds }
            do {
                response = try await driver.run { _ in
                    try await limiter.withPermit { try await adapter.complete(sending) }
                }
            } catch {
                await budget.settle(reservation: reservation, cost: 0)
                answer.failure = Self.describe(error)
                break
            }
            let cost = response.costUSD ?? budgetPrice(job.provider, job.model).map { response.usage.cost(at: $0) } ?? 0
            await budget.settle(reservation: reservation, cost: cost)
            answer.requests.append((response.usage, cost))

            let (values, problems) = FieldValidator.read(response.json, fields: remaining)
            answer.values.merge(values) { $1 }
            remaining = remaining.filter { problems[$0] != nil }
            answer.problems = problems
            guard !remaining.isEmpty else { break }
            var corrective = job.request
            corrective.output?.schema = WorkflowPrompt.schema(for: remaining)
            corrective.output?.example = WorkflowPrompt.example(for: remaining)
            request = WorkflowPrompt.corrective(corrective, problems: remaining.compactMap { problems[$0] })
        }
        return finish(answer, job: job)
    }

    private func finish(_ answer: WorkflowAnswer, job: WorkflowJob) -> WorkflowAnswer {
        var answer = answer
        for field in job.fields where answer.values[field] == nil && answer.problems[field] == nil {
            if answer.stoppedByBudget {
                answer.problems[field] = "the budget is spent"
            } else if let failure = answer.failure {
                answer.problems[field] = failure.message
            } else {
                answer.problems[field] = "no valid answer"
            }
        }
        return answer
    }

    static func describe(_ error: any Error) -> (kind: String, message: String) {
        if let error = error as? ProviderError { return (error.kind, error.message) }
        if let error = error as? RetriesExhaustedError, let last = error.lastError as? ProviderError {
            return (last.kind, "\(last.message) (gave up after \(error.attempts) attempts)")
        }
        if error is CancellationError { return ("cancelled", "the run was cancelled") }
        return ("failed", "\(error)")
    }
}

/// The kinds of the failures retried during one request, collected from `RetryDriver.onRetry`.
final class RetryLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    func append(_ kind: String) { lock.withLock { stored.append(kind) } }

    var kinds: [String] { lock.withLock { stored } }
}

/// Hands out job indices, one at a time, to a provider's workers.
actor JobQueue {
    private var indices: [Int]
    private var position = 0

    init(_ indices: [Int]) {
        self.indices = indices
    }

    func next() -> Int? {
        guard position < indices.count else { return nil }
        defer { position += 1 }
        return indices[position]
    }
}
