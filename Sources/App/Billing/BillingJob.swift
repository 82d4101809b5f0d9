import Fluent
import Foundation
import Vapor

/// One pass of hourly billing with its consequences: charge the closed hours, then alert on low
/// balances and suspend organizations that ran out. Safe to run any number of times.
struct BillingJob {
    let application: Application

    struct Result: Content {
        var report: BillingRun.Report
        var changes: [String: Suspension.Change]
    }

    func run(until: Date? = nil) async throws -> Result {
        let db = application.db
        let report = try await BillingRun(db: db, currency: application.config.currency, logger: application.logger).run(until: until)
        for (organizationID, balance) in report.lowBalance {
            try await BalanceAlerts.lowBalance(organizationID: organizationID, balance: balance, on: db, notifier: application.balanceNotifier)
        }
        var changes: [String: Suspension.Change] = [:]
        let suspension = Suspension(db: db, docker: application.docker, box: application.secretBox, logger: application.logger)
        for organizationID in report.exhausted {
            let change = try await suspension.enforce(organizationID)
            if change != .init() { changes[organizationID.uuidString.lowercased()] = change }
        }
        return Result(report: report, changes: changes)
    }
}
