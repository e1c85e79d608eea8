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

    /// Reserves `amount` US dollars, or returns false when that would pass a limit.
    func reserve(_ amount: Double) -> Bool {
        let committed = spent + reserved + amount
        if let maxUSDPerBuild, committed > maxUSDPerBuild {
            refusedRequests += 1
            return false
        }
        if let maxUSDPerMonth, spentThisMonthBefore + committed > maxUSDPerMonth {
            refusedRequests += 1
            return false
        }
        reserved += amount
        return true
    }

    /// Replaces a reservation with the cost the request actually had.
    func settle(reservation: Double, cost: Double) {
        reserved -= reservation
        spent += cost
    }
}
