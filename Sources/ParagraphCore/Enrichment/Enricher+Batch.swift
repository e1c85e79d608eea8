import Foundation

/// The preflight's findings about the providers a run may call.
struct ProviderPreflight: Sendable {
    /// Providers with an approved key opened for this run.
    var approvedProviders: Set<Provider>
    /// Model ids from each provider's model list, where the preflight fetched it.
    var listedModels: [Provider: Set<String>] = [:]
    var catalog: ModelCatalog = .standard

    /// Returns whether the model exists: in the catalog, or in the provider's model list.
    /// A provider whose list was not fetched (as in `--dry-run`) is trusted.
    func knows(_ provider: Provider, _ model: String) -> Bool {
        if catalog.model(provider, model) != nil { return true }
        guard let listed = listedModels[provider] else { return true }
        return listed.contains(model)
    }
}

/// One page between planning and the providers' answers.
struct PreparedPage {
    enum Slot {
        case done(FilledField)
        /// A field waiting for its workflow's answer.
        case pending(Field, model: ModelReference, inputHash: String, builtinHash: String, replaces: Bool)
    }

    var page: Page
    var plan: PagePlan
    var context: BuiltinPageContext
    var slots: [Slot] = []
    var warnings: [Diagnostic] = []
    /// Provider models this page chose but that the run did not call, because it has no provider access.
    var offlineModels: Set<String> = []
    /// One request per workflow that has pending fields.
    var requests: [(workflow: Workflow, provider: Provider, model: String, fields: [Field], request: ModelRequest)] = []
}

/// The run's totals for the summary and the usage ledger.
struct BatchReport {
    struct ProviderTotals {
        var requests = 0
        var inputTokens = 0
        var outputTokens = 0
        var costUSD = 0.0
        var lockHits = 0
        var fallbackFields = 0
        /// Retries by the kind of the failure that was retried.
        var retries: [String: Int] = [:]
        /// Each kind of failure once, with its first message.
        var failures: [String: String] = [:]
    }

    var providers: [Provider: ProviderTotals] = [:]
    /// Fields that `builtin` filled because a spending limit was reached.
    var budgetFallbackFields = 0
    /// Models called this run whose price the catalog lacks, as `provider/model`.
    var unpricedModels = Set<String>()
    /// The setting that stopped spending, when one did.
    var budgetLimit: String?
    /// Pages that chose a provider model but got `byok.lock` or `builtin` because the run had no provider access.
    var offlinePages: [String] = []
    var ledger: [UsageRecord] = []
}

/// The result of a batch run: one result per page, in the order given, and the totals.
struct BatchOutcome {
    var results: [EnrichmentResult]
    var report: BatchReport
}

extension Enricher {
    /// Plans each page and returns the requests a run would send, without sending any.
    mutating func prepareAll(_ pages: [Page], preflight: ProviderPreflight?) -> [Preparation] {
        pages.map { prepare($0, preflight: preflight) }
    }

    /// Enriches pages, calling the chosen providers in parallel through `runtime`.
    ///
    /// With `preflight` nil the run is offline: fields whose model is a provider's get
    /// their lock entry or `builtin`, and `report.offlinePages` names their pages.
    mutating func enrichAll(_ pages: [Page], preflight: ProviderPreflight?, runtime: ProviderRuntime?) async -> BatchOutcome {
        await complete(prepareAll(pages, preflight: preflight), runtime: runtime)
    }

    /// Fails the pages whose requests use a model that neither the catalog nor the provider's fetched list has.
    func rejectingUnknownModels(_ prepared: [Preparation], preflight: ProviderPreflight) -> [Preparation] {
        prepared.map { preparation in
            guard case .ready(let page) = preparation else { return preparation }
            for request in page.requests where !preflight.knows(request.provider, request.model) {
                let source = site.planner.modelSource(for: request.workflow, page: page.page)
                return .failed(Diagnostic(
                    path: source.path, location: source.location,
                    message: "unknown model \(request.provider.rawValue)/\(request.model): neither the catalog nor \(request.provider.displayName)'s model list has it; run `paragraph models` for the known ones"))
            }
            return preparation
        }
    }

    /// Sends the prepared pages' requests through `runtime` and finishes every page.
    mutating func complete(_ prepared: [Preparation], runtime: ProviderRuntime?) async -> BatchOutcome {
        var jobs: [WorkflowJob] = []
        for (index, item) in prepared.enumerated() {
            guard case .ready(let page) = item else { continue }
            for request in page.requests {
                jobs.append(WorkflowJob(
                    pageIndex: index, page: page.page.path, workflow: request.workflow, provider: request.provider,
                    model: request.model, fields: request.fields, request: request.request))
            }
        }
        var byJob: [Int: WorkflowAnswer] = [:]
        var report = BatchReport()
        if let runtime, !jobs.isEmpty {
            byJob = await runtime.run(jobs)
            report.budgetLimit = await runtime.budget.stoppedBy
            for job in jobs where runtime.catalog.model(job.provider, job.model) == nil {
                report.unpricedModels.insert("\(job.provider.rawValue)/\(job.model)")
            }
        }

        var answersByPage: [Int: [Workflow: WorkflowAnswer]] = [:]
        for (jobIndex, job) in jobs.enumerated() {
            let answer = byJob[jobIndex] ?? WorkflowAnswer(problems: [:], failure: ("failed", "no provider access"))
            answersByPage[job.pageIndex, default: [:]][job.workflow] = answer
            account(answer, job: job, report: &report)
        }

        var results: [EnrichmentResult] = []
        for (index, item) in prepared.enumerated() {
            switch item {
            case .failed(let diagnostic):
                results.append(.failed(diagnostic))
            case .skipped(let plan):
                results.append(.skipped(plan))
            case .ready(let page):
                if !page.offlineModels.isEmpty { report.offlinePages.append(page.page.path) }
                let finished = finish(page, answers: answersByPage[index] ?? [:])
                report.budgetFallbackFields += finished.budgetFallbacks
                for filled in finished.lockHits {
                    guard case .model(let provider, let model) = filled.producer else { continue }
                    report.providers[provider, default: BatchReport.ProviderTotals()].lockHits += 1
                    report.ledger.append(UsageRecord(
                        time: timestamp, organization: site.configuration.organization, provider: provider.rawValue, model: model,
                        workflow: filled.field.workflow.rawValue, page: page.page.path, inputTokens: 0, outputTokens: 0, costUSD: 0,
                        lockHit: true, fallback: false))
                }
                results.append(finished.result)
            }
        }
        return BatchOutcome(results: results, report: report)
    }

    private func account(_ answer: WorkflowAnswer, job: WorkflowJob, report: inout BatchReport) {
        var totals = report.providers[job.provider] ?? BatchReport.ProviderTotals()
        totals.requests += answer.requests.count
        totals.inputTokens += answer.usage.inputTokens
        totals.outputTokens += answer.usage.outputTokens
        totals.costUSD += answer.costUSD
        for kind in answer.retriedFailures { totals.retries[kind, default: 0] += 1 }
        let fallbackFields = job.fields.filter { answer.values[$0] == nil }
        totals.fallbackFields += fallbackFields.count
        if let failure = answer.failure, totals.failures[failure.kind] == nil {
            totals.failures[failure.kind] = failure.message
        } else if answer.failure == nil, !answer.stoppedByBudget, let problem = fallbackFields.first.flatMap({ answer.problems[$0] }),
                  totals.failures["invalid answer"] == nil {
            totals.failures["invalid answer"] = problem
        }
        report.providers[job.provider] = totals

        let record = { (usage: TokenUsage, cost: Double, fallback: Bool) in
            UsageRecord(
                time: timestamp, organization: site.configuration.organization, provider: job.provider.rawValue, model: job.model,
                workflow: job.workflow.rawValue, page: job.page, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens,
                costUSD: cost, lockHit: false, fallback: fallback)
        }
        for (position, request) in answer.requests.enumerated() {
            let isLast = position == answer.requests.count - 1
            report.ledger.append(record(request.usage, request.costUSD, isLast && !fallbackFields.isEmpty))
        }
        if answer.requests.isEmpty {
            report.ledger.append(record(.zero, 0, true))
        }
    }
}
