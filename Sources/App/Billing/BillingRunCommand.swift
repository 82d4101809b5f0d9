import Foundation
import Vapor

/// `paas billing:run [--until 2026-11-26T14:00:00Z]`: charges every closed hour not yet charged.
struct BillingRunCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "until", help: "Charge hours that ended at or before this ISO 8601 time (default: now minus two minutes).")
        var until: String?
    }

    var help: String { "Charges every closed hour of app usage not yet charged, then suspends organizations at zero." }

    func run(using context: CommandContext, signature: Signature) async throws {
        var until: Date?
        if let text = signature.until {
            guard let parsed = ISO8601DateFormatter().date(from: text) else {
                throw AppError.invalid("until", "Give --until as an ISO 8601 UTC time, like 2026-11-26T14:00:00Z.")
            }
            until = parsed
        }
        let started = Date()
        let result = try await BillingJob(application: context.application).run(until: until)
        let report = result.report
        let seconds = Date().timeIntervalSince(started)
        context.console.print("billing: \(report.hours) hours, \(report.records) records, \(report.debits) debits, \(report.amount) micro-units in \(String(format: "%.2f", seconds)) s")
        for (organization, change) in result.changes.sorted(by: { $0.key < $1.key }) {
            if !change.suspended.isEmpty { context.console.print("suspended (\(organization)): \(change.suspended.joined(separator: ", "))") }
        }
    }
}
