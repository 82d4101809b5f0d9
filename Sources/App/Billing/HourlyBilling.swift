import Fluent
import Foundation
import PaaSCore
import SQLKit

/// Charges one closed hour for every resource that ran in it, in one database transaction:
/// the billing records (unique per resource-hour), one debit per organization that is exactly
/// their sum, and the run's cursor. A crash rolls the whole hour back; a second run skips what
/// the first committed.
struct HourlyBilling {
    let db: any Database
    let currency: String

    struct Outcome {
        var records = 0
        var debits = 0
        var amount: Int64 = 0
        /// Organizations whose balance is at or below zero after the charge.
        var exhausted: Set<UUID> = []
        /// Organizations whose balance fell to or below their alert threshold with this charge.
        var lowBalance: [UUID: Int64] = [:]
    }

    static let lockKey: Int64 = 7_270_011

    func charge(hour: Int64, usage: [ResourceUsage]) async throws -> Outcome {
        let charges = usage.filter { $0.ran(inHour: hour) }.compactMap { resource -> (ResourceUsage, HourlyCharge)? in
            let charge = HourlyCharge(spans: resource.spans, hourStart: hour)
            return charge.lines.isEmpty ? nil : (resource, charge)
        }
        return try await db.transaction { tx in
            // Concurrent runs queue here; the unique key would stop a double charge anyway, but
            // waiting turns that into a clean skip instead of a failed transaction.
            if tx.isPostgres { try await tx.sql().raw("SELECT pg_advisory_xact_lock(\(bind: Self.lockKey))").run() }
            let done = try await chargedResources(hour: hour, on: tx)
            let pending = charges.filter { !done.contains($0.0.key) }
            let totals = Dictionary(grouping: pending, by: \.0.organizationID).mapValues { $0.reduce(Int64(0)) { $0 + $1.1.amount } }.filter { $0.value > 0 }
            var outcome = Outcome()
            let debits = try await debitRows(totals, hour: hour, on: tx, outcome: &outcome)
            let transactionOf = Dictionary(uniqueKeysWithValues: debits.map { ($0.organizationID, $0.id) })
            var ids = FastUUID()
            let records = pending.map { BillingRows.Record($0.0, $0.1, hour: hour, id: ids.next(), transactionID: transactionOf[$0.0.organizationID]) }
            let writer: any BillingRowWriter = tx.isPostgres ? PostgresBillingRowWriter() : SQLBillingRowWriter()
            try await writer.write(debits: debits, records: records, on: tx.sql())
            try await PlatformSetting.set(BillingRun.cursorKey, to: String(hour + BillingClock.secondsPerHour), on: tx)
            outcome.records = records.count
            outcome.debits = debits.count
            return outcome
        }
    }

    private func chargedResources(hour: Int64, on tx: any Database) async throws -> Set<ResourceUsage.Key> {
        let rows = try await tx.sql().raw("SELECT resource_type, resource_id FROM paas_billing_records WHERE hour_start = \(bind: Date(epoch: hour))").all()
        return Set(try rows.map { ResourceUsage.Key(type: try $0.decode(column: "resource_type", as: String.self), id: try $0.decode(column: "resource_id", as: UUID.self)) })
    }

    /// One debit per organization, keyed by organization and hour, from balances read under lock.
    private func debitRows(_ totals: [UUID: Int64], hour: Int64, on tx: any Database, outcome: inout Outcome) async throws -> [BillingRows.Debit] {
        guard !totals.isEmpty else { return [] }
        var wallets = try await BillingRows.lockedWallets(Array(totals.keys), on: tx)
        for organizationID in totals.keys where wallets[organizationID] == nil {
            // Sign-up always makes a wallet; one missing is created so the charge is not lost.
            let wallet = Wallet(organizationID: organizationID, currency: currency)
            try await wallet.create(on: tx)
            wallets[organizationID] = .init(id: try wallet.requireID(), balance: 0, threshold: wallet.lowBalanceThreshold)
        }
        let label = Self.hourLabel(hour)
        return totals.map { organizationID, amount in
            let wallet = wallets[organizationID]!
            let after = wallet.balance - amount
            if after <= 0 { outcome.exhausted.insert(organizationID) }
            if wallet.balance > wallet.threshold && after <= wallet.threshold { outcome.lowBalance[organizationID] = after }
            outcome.amount += amount
            return BillingRows.Debit(id: FastUUID.random(), walletID: wallet.id, organizationID: organizationID, amount: amount, balanceAfter: after,
                                     reference: "usage:\(hour)", description: "App usage \(label)",
                                     idempotencyKey: "paas-usage:\(organizationID.uuidString.lowercased()):\(hour)")
        }
    }

    static func hourLabel(_ hour: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return String(formatter.string(from: Date(epoch: hour)).prefix(16)).replacingOccurrences(of: "T", with: " ") + " UTC"
    }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
