import Fluent
import Foundation
import PaaSCore
import SQLKit
import Vapor

/// Platform-wide counts for the admin overview and `GET /api/admin/paas/metrics`.
struct PlatformSummary: Content {
    var users: Int
    var organizations: Int
    var apps: Int
    var nodes: Int
    var locations: Int
    var plans: Int
    var walletBalanceTotal: Int64
    var appsSuspended: Int
    var containersDesired: Int
    var walletsAtOrBelowZero: Int
    /// Micro-units an hour that everything running now earns.
    var burnRatePerHour: Int64
    var revenueLastDay: Int64
    var revenueMonthToDate: Int64
    /// The first hour the billing run has not charged yet; null before any usage.
    var billingNextHour: Date?

    static func load(on db: any Database) async throws -> PlatformSummary {
        let sql = try db.sql()
        func count(_ table: String) async throws -> Int {
            try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self) ?? 0
        }
        let balance = try await sql.raw("SELECT CAST(COALESCE(SUM(balance), 0) AS BIGINT) AS total FROM wallets").first()?.decode(column: "total", as: Int64.self) ?? 0
        func sum(_ query: SQLQueryString) async throws -> Int64 {
            try await sql.raw(query).first()?.decode(column: "total", as: Int64.self) ?? 0
        }
        let now = Date()
        let dayAgo = Date(epoch: BillingClock.hourStart(now.epochSeconds) - 24 * 3600)
        let monthStart = Date(epoch: BillingClock.monthStart(now.epochSeconds))
        let containers = try await TenantApp.query(on: db).filter(\.$suspendedAt == nil).filter(\.$currentReleaseID != nil).all()
            .reduce(0) { $0 + Formation(json: $1.formation).total }
        return PlatformSummary(
            users: try await count("users"),
            organizations: try await count("organizations"),
            apps: try await count("paas_applications"),
            nodes: try await count("paas_worker_nodes"),
            locations: try await count("paas_locations"),
            plans: try await count("paas_plans"),
            walletBalanceTotal: balance,
            appsSuspended: try await TenantApp.query(on: db).filter(\.$suspendedAt != nil).count(),
            containersDesired: containers,
            walletsAtOrBelowZero: try await Wallet.query(on: db).filter(\.$balance <= 0).count(),
            burnRatePerHour: try await BillingQueries.burnRate(organizationID: nil, on: db),
            revenueLastDay: try await sum("SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) AS total FROM paas_billing_records WHERE hour_start >= \(bind: dayAgo)"),
            revenueMonthToDate: try await sum("SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) AS total FROM paas_billing_records WHERE hour_start >= \(bind: monthStart)"),
            billingNextHour: try await PlatformSetting.get(BillingRun.cursorKey, on: db).flatMap(Int64.init).map { Date(epoch: $0) })
    }
}
