import Foundation
import SQLKit

/// Writes an hour's debits (moving the wallet balances) and billing records.
protocol BillingRowWriter {
    func write(debits: [BillingRows.Debit], records: [BillingRows.Record], on sql: any SQLDatabase) async throws
}

/// Portable multi-row statements; SQLite runs them in-process, so bind counts cost little.
struct SQLBillingRowWriter: BillingRowWriter {
    static let batch = 400

    func write(debits: [BillingRows.Debit], records: [BillingRows.Record], on sql: any SQLDatabase) async throws {
        let now = Date()
        for chunk in debits.chunked(Self.batch) {
            let cases = chunk.map { "WHEN \(bind: $0.walletID) THEN \(bind: $0.balanceAfter)" as SQLQueryString }.joined(separator: " ")
            try await sql.raw("UPDATE wallets SET balance = CASE id \(cases) END, updated_at = \(bind: now) WHERE id IN (\(binds: chunk.map(\.walletID) as [any Encodable & Sendable]))").run()
            var insert = sql.insert(into: WalletTransaction.schema)
                .columns("id", "wallet_id", "organization_id", "kind", "amount", "balance_after", "reference", "description", "idempotency_key", "created_at")
            for row in chunk {
                insert = insert.values(row.id, row.walletID, row.organizationID, WalletTransaction.Kind.debit.rawValue, row.amount, row.balanceAfter,
                                       row.reference, row.description, row.idempotencyKey, now)
            }
            try await insert.run()
        }
        for chunk in records.chunked(Self.batch) {
            var insert = sql.insert(into: BillingRecord.schema)
                .columns("id", "organization_id", "application_id", "resource_type", "resource_id", "hour_start", "seconds", "amount",
                         "description", "wallet_transaction_id", "plan_id", "location_id", "lines", "created_at")
            for row in chunk {
                insert = insert.values(row.id, row.organizationID, row.applicationID, row.resourceType, row.resourceID, row.hourStart, row.seconds, row.amount,
                                       row.description, row.walletTransactionID, row.planID, row.locationID, row.lines, now)
            }
            try await insert.run()
        }
    }
}
