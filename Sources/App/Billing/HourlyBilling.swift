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
    static let batch = 400

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
            var outcome = Outcome()
            let totals = Dictionary(grouping: pending, by: \.0.organizationID).mapValues { $0.reduce(Int64(0)) { $0 + $1.1.amount } }
            let debits = try await debit(totals.filter { $0.value > 0 }, hour: hour, on: tx, outcome: &outcome)
            try await insertRecords(pending, hour: hour, debits: debits, on: tx)
            try await PlatformSetting.set(BillingRun.cursorKey, to: String(hour + BillingClock.secondsPerHour), on: tx)
            outcome.records = pending.count
            return outcome
        }
    }

    private func chargedResources(hour: Int64, on tx: any Database) async throws -> Set<ResourceUsage.Key> {
        let rows = try await tx.sql().raw("SELECT resource_type, resource_id FROM paas_billing_records WHERE hour_start = \(bind: Date(epoch: hour))").all()
        return Set(try rows.map { ResourceUsage.Key(type: try $0.decode(column: "resource_type", as: String.self), id: try $0.decode(column: "resource_id", as: UUID.self)) })
    }

    /// One debit transaction per organization, keyed by organization and hour.
    private func debit(_ totals: [UUID: Int64], hour: Int64, on tx: any Database, outcome: inout Outcome) async throws -> [UUID: UUID] {
        guard !totals.isEmpty else { return [:] }
        let sql = try tx.sql()
        var wallets: [UUID: (id: UUID, balance: Int64, threshold: Int64)] = [:]
        for chunk in Array(totals.keys).chunked(Self.batch) {
            let chunk: [any Encodable & Sendable] = Array(chunk)
            let lock: SQLQueryString = tx.isPostgres ? " FOR UPDATE" : ""
            let rows = try await sql.raw("SELECT id, organization_id, balance, low_balance_threshold FROM wallets WHERE organization_id IN (\(binds: chunk))\(lock)").all()
            for row in rows {
                wallets[try row.decode(column: "organization_id", as: UUID.self)] = (try row.decode(column: "id", as: UUID.self), try row.decode(column: "balance", as: Int64.self),
                                                                                   try row.decode(column: "low_balance_threshold", as: Int64.self))
            }
        }
        for organizationID in totals.keys where wallets[organizationID] == nil {
            // Sign-up always makes a wallet; one missing is created so the charge is not lost.
            let wallet = Wallet(organizationID: organizationID, currency: currency)
            try await wallet.create(on: tx)
            wallets[organizationID] = (try wallet.requireID(), 0, wallet.lowBalanceThreshold)
        }
        let label = Self.hourLabel(hour)
        var transactionIDs: [UUID: UUID] = [:]
        var rows: [(organizationID: UUID, walletID: UUID, amount: Int64, after: Int64)] = []
        for (organizationID, amount) in totals {
            let wallet = wallets[organizationID]!
            let after = wallet.balance - amount
            rows.append((organizationID, wallet.id, amount, after))
            transactionIDs[organizationID] = UUID()
            if after <= 0 { outcome.exhausted.insert(organizationID) }
            if wallet.balance > wallet.threshold && after <= wallet.threshold { outcome.lowBalance[organizationID] = after }
            outcome.amount += amount
        }
        let now = Date()
        for chunk in rows.chunked(Self.batch) {
            let cases = chunk.map { "WHEN \(bind: $0.walletID) THEN \(bind: $0.after)" as SQLQueryString }.joined(separator: " ")
            try await sql.raw("UPDATE wallets SET balance = CASE id \(cases) END, updated_at = \(bind: now) WHERE id IN (\(binds: chunk.map(\.walletID) as [any Encodable & Sendable]))").run()
            var insert = sql.insert(into: WalletTransaction.schema)
                .columns("id", "wallet_id", "organization_id", "kind", "amount", "balance_after", "reference", "description", "idempotency_key", "created_at")
            for row in chunk {
                insert = insert.values(transactionIDs[row.organizationID]!, row.walletID, row.organizationID, WalletTransaction.Kind.debit.rawValue, row.amount, row.after,
                                       "usage:\(hour)", "App usage \(label)", "paas-usage:\(row.organizationID.uuidString.lowercased()):\(hour)", now)
            }
            try await insert.run()
        }
        outcome.debits = rows.count
        return transactionIDs
    }

    private func insertRecords(_ pending: [(ResourceUsage, HourlyCharge)], hour: Int64, debits: [UUID: UUID], on tx: any Database) async throws {
        let now = Date()
        let hourDate = Date(epoch: hour)
        for chunk in pending.chunked(Self.batch) {
            var insert = try tx.sql().insert(into: BillingRecord.schema)
                .columns("id", "organization_id", "application_id", "resource_type", "resource_id", "hour_start", "seconds", "amount",
                         "description", "wallet_transaction_id", "plan_id", "location_id", "lines", "created_at")
            for (resource, charge) in chunk {
                let main = charge.lines.max { ($0.amount, $0.containerSeconds) < ($1.amount, $1.containerSeconds) }!
                insert = insert.values(UUID(), resource.organizationID, resource.applicationID, resource.key.type, resource.key.id, hourDate,
                                       charge.containerSeconds, charge.amount, BillingDescription.item(resource.name, charge),
                                       debits[resource.organizationID], UUID(uuidString: main.line.planID), resource.locations[main.line],
                                       BillingDescription.linesJSON(charge), now)
            }
            try await insert.run()
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
