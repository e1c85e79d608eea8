import Foundation

/// The run's spending limits, shared by every request in flight.
///
/// Each request reserves its maximum cost before it is sent and settles the
/// estimated actual cost when it ends, so requests in flight together cannot pass a limit.
actor SpendingBudget {
    let maxUSDPerBuild: Double?
    let maxUSDPerMonth: Double?
    /// Spending this month before the run, from `byok.lock`'s records.
    let spentThisMonthBefore: Double
    private(set) var reserved = 0.0
    private(set) var spent = 0.0
    /// Requests not sent because a limit was reached.
    private(set) var refusedRequests = 0
    /// The setting that stopped spending, for the summary.
    private(set) var stoppedBy: String?
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(configuration: SiteConfiguration.Budget, lock: LockFile, now: Date) {
        maxUSDPerBuild = configuration.maxUSDPerBuild
        maxUSDPerMonth = configuration.maxUSDPerMonth
        spentThisMonthBefore = Self.monthSpend(in: lock, now: now)
    }

    /// Sums the costs of lock entries generated in the calendar month (UTC) of `now`.
    static func monthSpend(in lock: LockFile, now: Date) -> Double {
        let month = String(ISO8601DateFormatter().string(from: now).prefix(7))
        return lock.allEntries.filter { $0.generatedAt.hasPrefix(month) }.reduce(0) { $0 + $1.costUSD }
    }

    /// Reserves `amount` US dollars, waiting while requests in flight hold the room it needs.
    /// Returns false, and sends nothing more, once even the settled spending leaves no room.
    func reserve(_ amount: Double) async -> Bool {
        while true {
            if exceededLimit(spent + reserved + amount) == nil {
                reserved += amount
                return true
            }
            // Spending only grows, so a request that does not fit beside the settled spending never will.
            if let limit = exceededLimit(spent + amount) {
                refusedRequests += 1
                stoppedBy = stoppedBy ?? limit
                return false
            }
            await withCheckedContinuation { waiters.append($0) }
        }
    }

    /// Returns the setting that `committed` dollars this run would pass, or nil.
    private func exceededLimit(_ committed: Double) -> String? {
        if let maxUSDPerBuild, committed > maxUSDPerBuild {
            return "budget.max_usd_per_build (" + String(format: "$%.2f", maxUSDPerBuild) + ")"
        }
        if let maxUSDPerMonth, spentThisMonthBefore + committed > maxUSDPerMonth {
            return "budget.max_usd_per_month (" + String(format: "$%.2f", maxUSDPerMonth) + String(format: ", $%.2f", spentThisMonthBefore) + " spent earlier this month)"
        }
        return nil
    }

    /// Replaces a reservation with the cost the request actually had.
    func settle(reservation: Double, cost: Double) {
        reserved -= reservation
        spent += cost
        let waiting = waiters
        waiters = []
        waiting.forEach { $0.resume() }
    }
}

extension SpendingBudget {
    /// Checks one request's worst-case cost against `byok.yaml`'s budget, for commands that
    /// send a single request (`draft`, `rewrite`). Returns the worst case and, when the
    /// request does not fit, the setting it would pass.
    ///
    /// A model without a catalog price is counted at its provider's highest catalog price.
    static func checkSingle(
        _ request: ModelRequest, provider: Provider, configuration: SiteConfiguration, lock: LockFile, now: Date,
        catalog: ModelCatalog = .standard
    ) async -> (worstCase: Double, exceeded: String?) {
        guard let price = catalog.model(provider, request.model)?.price ?? catalog.highestPrice(of: provider) else {
            return (0, nil)
        }
        let inputTokens = (request.systemPrompt.utf8.count + request.userText.utf8.count) / 3 + (request.image == nil ? 0 : 1600)
        let worstCase = TokenUsage(inputTokens: inputTokens, outputTokens: request.maxOutputTokens).cost(at: price)
        let budget = SpendingBudget(configuration: configuration.budget, lock: lock, now: now)
        guard await budget.reserve(worstCase) else { return (worstCase, await budget.stoppedBy) }
        return (worstCase, nil)
    }
}
