import Fluent
import SQLKit
import Foundation
import PaaSCore
import Vapor

/// What a client's billing page and `GET /api/paas/billing` show: balance, what running apps
/// cost an hour, how long the balance lasts at that rate, and usage per app per day.
struct BillingSummary: Content {
    var balance: Int64
    var currency: String
    var unit: String
    var lowBalanceThreshold: Int64
    var lowBalance: Bool
    var burnRatePerHour: Int64
    /// Whole hours the balance lasts at the current burn rate; null when nothing is running.
    var hoursLeft: Int64?
    var suspendedApps: [String]
    var monthToDate: Int64
    var usage: [BillingQueries.AppUsage]

    static let unitDescription = "micro-units (1/1,000,000 of the currency)"

    static func load(organizationID: UUID, days: Int = 30, on db: any Database, now: Date = Date()) async throws -> BillingSummary {
        let wallet = try await WalletQueries.wallet(of: organizationID, on: db)
        let burn = try await BillingQueries.burnRate(organizationID: organizationID, on: db)
        let since = Date(epoch: BillingClock.dayStart(now.epochSeconds) - Int64(days - 1) * 86_400)
        let usage = try await BillingQueries.usageByDay(organizationID: organizationID, since: since, on: db)
        let monthStart = Date(epoch: BillingClock.monthStart(now.epochSeconds))
        // SUM of a bigint is numeric on PostgreSQL: cast it back so both databases decode an Int64.
        let month = try await db.sql().raw("""
            SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) AS total FROM paas_billing_records
            WHERE organization_id = \(bind: organizationID) AND hour_start >= \(bind: monthStart)
            """).first()?.decode(column: "total", as: Int64.self) ?? 0
        let suspended = try await TenantApp.query(on: db).filter(\.$organizationID == organizationID).filter(\.$suspendedAt != nil).sort(\.$name).all().map(\.name)
        return BillingSummary(
            balance: wallet.balance, currency: wallet.currency, unit: unitDescription, lowBalanceThreshold: wallet.lowBalanceThreshold,
            lowBalance: wallet.balance <= wallet.lowBalanceThreshold, burnRatePerHour: burn,
            hoursLeft: burn > 0 ? max(0, wallet.balance) / burn : nil, suspendedApps: suspended, monthToDate: month, usage: usage)
    }
}
