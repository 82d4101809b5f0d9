import Fluent
import Foundation
import PaaSCore
import Vapor

/// `paas billing:run` and the hourly schedule: charges every closed hour not yet charged, oldest
/// first, so hours missed while the control plane was down are caught up in order.
struct BillingRun {
    let db: any Database
    let currency: String
    let logger: Logger

    /// Where the next run starts (epoch seconds of an hour), kept in `paas_settings`.
    static let cursorKey = "billing.next_hour"
    /// An hour is charged only this long after it closed, so a usage change committed a moment
    /// after the hour ended is never missed.
    static let grace: TimeInterval = 120

    struct Report: Content {
        var hours = 0
        var records = 0
        var debits = 0
        var amount: Int64 = 0
        var exhausted: Set<UUID> = []
        var lowBalance: [UUID: Int64] = [:]
    }

    /// Charges every hour that ended at or before `until` (defaults to now minus the grace).
    func run(until: Date? = nil) async throws -> Report {
        // Across processes the database serializes runs (advisory lock, unique keys); inside one,
        // the gate keeps the scheduler and a command from contending for SQLite's single writer.
        try await Self.gate.run { try await charge(until: until) }
    }

    static let gate = SerialGate()

    private func charge(until: Date?) async throws -> Report {
        let limit = until ?? Date().addingTimeInterval(-Self.grace)
        let end = BillingClock.hourStart(limit.epochSeconds)
        var report = Report()
        guard var hour = try await firstHour() else { return report }
        let billing = HourlyBilling(db: db, currency: currency)
        while hour < end {
            // One read per calendar month: a line's cap depends on the whole month so far.
            let chunkEnd = min(end, BillingClock.nextMonthStart(hour))
            let usage = try await ResourceUsage.load(from: BillingClock.monthStart(hour), to: chunkEnd, on: db)
            var next = Task { [hour] in HourlyBilling.prepare(hour: hour, usage: usage) }
            while hour < chunkEnd {
                let prepared = await next.value
                let following = hour + BillingClock.secondsPerHour
                if following < chunkEnd { next = Task { HourlyBilling.prepare(hour: following, usage: usage) } }
                let outcome = try await billing.commit(prepared)
                report.hours += 1
                report.records += outcome.records
                report.debits += outcome.debits
                report.amount += outcome.amount
                report.exhausted.formUnion(outcome.exhausted)
                report.lowBalance.merge(outcome.lowBalance) { _, latest in latest }
                hour += BillingClock.secondsPerHour
            }
        }
        if report.records > 0 { logger.info("billing: \(report.hours) hours, \(report.records) records, \(report.debits) debits, \(report.amount) micro-units") }
        return report
    }

    /// The cursor, or the hour of the first usage ever recorded.
    private func firstHour() async throws -> Int64? {
        if let cursor = try await PlatformSetting.get(Self.cursorKey, on: db).flatMap(Int64.init) { return cursor }
        let first = try await UsageSegment.query(on: db).sort(\.$startedAt).first()
        return first.map { BillingClock.hourStart($0.startedAt.epochSeconds) }
    }
}
