import Foundation

extension EnrichCommand {
    struct StartedProviders {
        var runtime: ProviderRuntime
        var listedModels: [Provider: Set<String>]
    }

    /// Makes an adapter for each opened key and runs the key and model-list check; nil when the HTTP client cannot start.
    static func startProviders(
        _ keys: [Provider: String], site: LoadedSite, arguments: ParsedArguments, context: RunContext, lock: LockFile, total: Int
    ) async -> StartedProviders? {
        let configuration = site.configuration
        let budget = SpendingBudget(configuration: configuration.budget, lock: lock, now: context.now)
        let retry = RetryDriver(policy: RetryPolicy(maxAttempts: 4, budget: .seconds(60)))
        var runtime = ProviderRuntime(
            adapters: [:], limiters: ProviderRuntime.limiters(for: Set(keys.keys), configuration: configuration),
            retry: retry, budget: budget, catalog: .standard)
        guard !keys.isEmpty else { return StartedProviders(runtime: runtime, listedModels: [:]) }
        guard let client = ProviderKeySession.makeClient(arguments, context: context) else { return nil }
        for (provider, key) in keys {
            runtime.adapters[provider] = makeModelProvider(ProviderConfiguration(provider: provider, apiKey: key, site: configuration, client: client))
        }

        let listed = await EnrichmentPreflight.listModels(runtime.adapters, retry: retry)
        for (provider, error) in listed.failures.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            runtime.unavailable[provider] = error
            context.report(Diagnostic(
                path: "byok.yaml", location: nil,
                message: "\(provider.rawValue): \(error.kind): \(error.message); its fields fall back",
                severity: .warning))
        }
        runtime.onJobFinished = progressReporter(context: context, arguments: arguments)
        return StartedProviders(runtime: runtime, listedModels: listed.models)
    }

    /// Enriches pages, calling only the providers that have a request to make; nil when the
    /// HTTP client cannot start. `enrich` and `build` share it.
    static func runBatch(
        _ pages: [Page], enricher: inout Enricher, keys: [Provider: String], preflight: ProviderPreflight?, site: LoadedSite,
        arguments: ParsedArguments, context: RunContext, lock: LockFile
    ) async -> BatchOutcome? {
        var prepared = enricher.prepareAll(pages, preflight: preflight)
        var runtime: ProviderRuntime?
        if var checked = preflight {
            // Only providers with a request to make are contacted, so a run that the lock covers sends nothing.
            var needed = Set<Provider>()
            for case .ready(let page) in prepared {
                needed.formUnion(page.requests.map(\.provider))
            }
            let neededKeys = keys.filter { needed.contains($0.key) }
            guard let started = await startProviders(neededKeys, site: site, arguments: arguments, context: context, lock: lock, total: pages.count) else {
                return nil
            }
            runtime = started.runtime
            checked.listedModels = started.listedModels
            prepared = enricher.rejectingUnknownModels(prepared, preflight: checked)
        }
        let batch = await enricher.complete(prepared, runtime: runtime)
        if runtime?.onJobFinished != nil, context.standardErrorIsTerminal {
            // Clear the progress line before the results are printed.
            context.errorOutput("\r\u{1B}[2K")
        }
        return batch
    }

    /// Returns the progress output: on a terminal one line that is rewritten after each request,
    /// elsewhere one line per finished page and workflow; nothing with --json.
    static func progressReporter(context: RunContext, arguments: ParsedArguments) -> (@Sendable (WorkflowJob, WorkflowAnswer, Int) -> Void)? {
        guard !arguments.has("json") else { return nil }
        let counter = ProgressCounter()
        let isTerminal = context.standardErrorIsTerminal
        return { job, answer, total in
            let done = counter.increment()
            if isTerminal {
                context.errorOutput("\r\u{1B}[2K[\(done)/\(total)] \(job.page)")
                return
            }
            let outcome = answer.values.count == job.fields.count ? "filled" : "\(job.fields.count - answer.values.count) of \(job.fields.count) fields by builtin"
            context.errorOutput("[\(done)/\(total)] \(job.page): \(job.workflow.rawValue) by \(job.provider.rawValue)/\(job.model), \(outcome)\n")
        }
    }

    /// Returns one line per provider: requests, tokens, cost, lock hits, fallbacks, and each kind of failure once.
    static func providerSummary(_ report: BatchReport, site: LoadedSite) -> [String] {
        var lines: [String] = []
        for (provider, totals) in report.providers.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            var parts = [
                "\(totals.requests) request\(totals.requests == 1 ? "" : "s")",
                "\(totals.inputTokens) input and \(totals.outputTokens) output tokens",
                String(format: "$%.6f", totals.costUSD),
                "\(totals.lockHits) from byok.lock",
            ]
            if totals.fallbackFields > 0 { parts.append("\(totals.fallbackFields) field\(totals.fallbackFields == 1 ? "" : "s") by builtin as fallback") }
            if !totals.retries.isEmpty {
                let retried = totals.retries.sorted { $0.key < $1.key }.map { "\($0.value) after \($0.key)" }
                parts.append("retried " + retried.joined(separator: ", "))
            }
            lines.append("\(provider.rawValue): " + parts.joined(separator: ", "))
            for (kind, message) in totals.failures.sorted(by: { $0.key < $1.key }) {
                lines.append("  \(provider.rawValue) \(kind): \(message)")
            }
        }
        if report.budgetFallbackFields > 0 {
            let limit = report.budgetLimit ?? "the budget"
            lines.append("\(limit) reached: \(report.budgetFallbackFields) field\(report.budgetFallbackFields == 1 ? "" : "s") filled by builtin instead")
        }
        return lines
    }
}

/// A thread-safe count of finished requests, for the progress line.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func increment() -> Int {
        lock.withLock {
            count += 1
            return count
        }
    }
}
