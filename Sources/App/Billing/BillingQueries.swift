import Fluent
import Foundation
import PaaSCore
import SQLKit

/// The read side of billing: what statements, the billing page and the revenue report show.
enum BillingQueries {
    /// Micro-units an hour the organization's apps cost while running as they are now.
    static func burnRate(organizationID: UUID?, on db: any Database) async throws -> Int64 {
        let scope: SQLQueryString = organizationID.map { "AND organization_id = \(bind: $0)" } ?? ""
        let row = try await db.sql().raw("""
            SELECT CAST(COALESCE(SUM(quantity * price_per_hour), 0) AS BIGINT) AS rate FROM paas_usage_segments WHERE ended_at IS NULL \(scope)
            """).first()
        return try row?.decode(column: "rate", as: Int64.self) ?? 0
    }

    struct AppUsage: Codable, Equatable {
        var day: String
        var appId: String?
        var appName: String
        var containerSeconds: Int64
        var amount: Int64
    }

    /// Charges per app per UTC day, newest day first.
    static func usageByDay(organizationID: UUID, since: Date, on db: any Database) async throws -> [AppUsage] {
        let records = try await BillingRecord.query(on: db).filter(\.$organizationID == organizationID).filter(\.$hourStart >= since).all()
        let names = try await appNames(Set(records.compactMap(\.applicationID)), on: db)
        var totals: [String: AppUsage] = [:]
        for record in records {
            let day = dayLabel(record.hourStart)
            let key = "\(day)|\(record.resourceID)"
            var usage = totals[key] ?? AppUsage(day: day, appId: record.applicationID?.uuidString.lowercased(),
                                                appName: record.applicationID.flatMap { names[$0] } ?? Self.name(from: record.description), containerSeconds: 0, amount: 0)
            usage.containerSeconds += record.seconds
            usage.amount += record.amount
            totals[key] = usage
        }
        return totals.values.sorted { ($0.day, $1.appName) > ($1.day, $0.appName) }
    }

    static func appNames(_ ids: Set<UUID>, on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let apps = try await TenantApp.query(on: db).filter(\.$id ~~ Array(ids)).all()
        return Dictionary(uniqueKeysWithValues: apps.map { ($0.id!, $0.name) })
    }

    /// A deleted app is named by the text its charges were recorded with ("shop: web …").
    static func name(from description: String) -> String {
        description.split(separator: ":", maxSplits: 1).first.map(String.init) ?? "app"
    }

    static func dayLabel(_ date: Date) -> String {
        BillingClock.dayLabel(date.epochSeconds)
    }
}
