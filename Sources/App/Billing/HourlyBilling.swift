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

    /// An hour's charges worked out before its transaction opens, so the run can compute the next
    /// hour while the database writes this one.
    struct PreparedHour: Sendable {
        var hour: Int64
        var records: [BillingRows.Record]
        var keys: [ResourceUsage.Key]
        /// One debit id per organization with something to pay.
        var transactionIDs: [UUID: UUID]
    }

    static func prepare(hour: Int64, usage: [ResourceUsage]) -> PreparedHour {
        var ids = FastUUID()
        var prepared = PreparedHour(hour: hour, records: [], keys: [], transactionIDs: [:])
        var totals: [UUID: Int64] = [:]
        for resource in usage where resource.ran(inHour: hour) {
            let charge = HourlyCharge(spans: resource.spans, hourStart: hour)
            guard !charge.lines.isEmpty else { continue }
            prepared.records.append(BillingRows.Record(resource, charge, hour: hour, id: ids.next(), transactionID: nil))
            prepared.keys.append(resource.key)
            totals[resource.organizationID, default: 0] += charge.amount
        }
        for (organizationID, total) in totals where total > 0 { prepared.transactionIDs[organizationID] = ids.next() }
        for index in prepared.records.indices {
            prepared.records[index].walletTransactionID = prepared.transactionIDs[prepared.records[index].organizationID]
        }
        return prepared
    }

    func charge(hour: Int64, usage: [ResourceUsage]) async throws -> Outcome {
        try await commit(Self.prepare(hour: hour, usage: usage))
    }

    func commit(_ prepared: PreparedHour) async throws -> Outcome {
        try await db.transaction { tx in
            // Concurrent runs queue here; the unique key would stop a double charge anyway, but
            // waiting turns that into a clean skip instead of a failed transaction.
            if tx.isPostgres { try await tx.sql().raw("SELECT pg_advisory_xact_lock(\(bind: Self.lockKey))").run() }
            let done = try await chargedResources(hour: prepared.hour, on: tx)
            var records = prepared.records
            if !done.isEmpty {
                records = zip(prepared.keys, prepared.records).filter { !done.contains($0.0) }.map(\.1)
            }
            var totals: [UUID: Int64] = [:]
            for record in records { totals[record.organizationID, default: 0] += record.amount }
            totals = totals.filter { $0.value > 0 }
            for index in records.indices where totals[records[index].organizationID] == nil { records[index].walletTransactionID = nil }
            var outcome = Outcome()
            let debits = try await debitRows(totals, ids: prepared.transactionIDs, hour: prepared.hour, on: tx, outcome: &outcome)
            let writer: any BillingRowWriter = tx.isPostgres ? PostgresBillingRowWriter() : SQLBillingRowWriter()
            try await writer.write(debits: debits, records: records, on: tx.sql())
            try await PlatformSetting.set(BillingRun.cursorKey, to: String(prepared.hour + BillingClock.secondsPerHour), on: tx)
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
    private func debitRows(_ totals: [UUID: Int64], ids: [UUID: UUID], hour: Int64, on tx: any Database, outcome: inout Outcome) async throws -> [BillingRows.Debit] {
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
            return BillingRows.Debit(id: ids[organizationID] ?? FastUUID.random(), walletID: wallet.id, organizationID: organizationID, amount: amount, balanceAfter: after,
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
