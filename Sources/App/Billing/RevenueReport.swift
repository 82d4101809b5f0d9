import Fluent
import Foundation
import PaaSCore
import SQLKit
import Vapor

/// Platform revenue from app usage per day, per plan and per location. Summed by the database
/// per hour first, so the report costs the same for ten apps or ten thousand.
struct RevenueReport: Content {
    struct Bucket: Content {
        var key: String
        var name: String
        var amount: Int64
        var containerSeconds: Int64
    }

    var currency: String
    var days: Int
    var total: Int64
    var perDay: [Bucket]
    var perPlan: [Bucket]
    var perLocation: [Bucket]

    static func load(days: Int, currency: String, on db: any Database, now: Date = Date()) async throws -> RevenueReport {
        let since = Date(epoch: BillingClock.dayStart(now.epochSeconds) - Int64(days - 1) * 86_400)
        let rows = try await db.sql().raw("""
            SELECT hour_start, plan_id, location_id, CAST(SUM(amount) AS BIGINT) AS amount, CAST(SUM(seconds) AS BIGINT) AS seconds
            FROM paas_billing_records WHERE hour_start >= \(bind: since) GROUP BY hour_start, plan_id, location_id
            """).all()
        let plans = Dictionary(try await Plan.query(on: db).all().map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        let locations = Dictionary(try await Location.query(on: db).all().map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        var perDay: [String: Bucket] = [:], perPlan: [String: Bucket] = [:], perLocation: [String: Bucket] = [:]
        func add(_ buckets: inout [String: Bucket], _ key: String, _ name: String, _ amount: Int64, _ seconds: Int64) {
            var bucket = buckets[key] ?? Bucket(key: key, name: name, amount: 0, containerSeconds: 0)
            bucket.amount += amount
            bucket.containerSeconds += seconds
            buckets[key] = bucket
        }
        var total: Int64 = 0
        for row in rows {
            let amount = try row.decode(column: "amount", as: Int64.self), seconds = try row.decode(column: "seconds", as: Int64.self)
            let day = BillingQueries.dayLabel(try row.decode(column: "hour_start", as: Date.self))
            let plan = try row.decode(column: "plan_id", as: UUID?.self), location = try row.decode(column: "location_id", as: UUID?.self)
            add(&perDay, day, day, amount, seconds)
            add(&perPlan, plan?.uuidString.lowercased() ?? "none", plan.flatMap { plans[$0] } ?? "(plan deleted)", amount, seconds)
            add(&perLocation, location?.uuidString.lowercased() ?? "none", location.flatMap { locations[$0] } ?? "(location deleted)", amount, seconds)
            total += amount
        }
        return RevenueReport(currency: currency, days: days, total: total, perDay: perDay.values.sorted { $0.key > $1.key },
                             perPlan: perPlan.values.sorted { $0.amount > $1.amount }, perLocation: perLocation.values.sorted { $0.amount > $1.amount })
    }
}

struct AdminRevenueAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("api", "admin", "paas", "revenue").grouped(RequireSignIn(adminOnly: true)).get(use: show)
    }

    @Sendable func show(req: Request) async throws -> RevenueReport {
        let days = try req.query.get(Int?.self, at: "days") ?? 30
        guard (1...366).contains(days) else { throw AppError.invalid("days", "Ask for 1 to 366 days.") }
        return try await RevenueReport.load(days: days, currency: req.application.config.currency, on: req.db)
    }
}
