import Foundation
import SQLKit

/// PostgreSQL: one array per column and `unnest`, so a statement carries a dozen binds instead of
/// one per value. Parsing and encoding thousands of parameters dominated the hourly run otherwise.
/// Nullable ids travel as the nil UUID, since arrays of optionals do not encode.
struct PostgresBillingRowWriter: BillingRowWriter {
    static let batch = 5000
    static let none = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    func write(debits: [BillingRows.Debit], records: [BillingRows.Record], on sql: any SQLDatabase) async throws {
        let now = Date()
        for chunk in debits.chunked(Self.batch) {
            try await sql.raw("""
                UPDATE wallets AS w SET balance = v.balance, updated_at = \(bind: now)
                FROM unnest(\(bind: chunk.map(\.walletID))::uuid[], \(bind: chunk.map(\.balanceAfter))::bigint[]) AS v(id, balance)
                WHERE w.id = v.id
                """).run()
            try await sql.raw("""
                INSERT INTO wallet_transactions (id, wallet_id, organization_id, kind, amount, balance_after, reference, description, idempotency_key, created_at)
                SELECT id, wallet_id, organization_id, 'debit', amount, balance_after, reference, description, idempotency_key, \(bind: now)
                FROM unnest(\(bind: chunk.map(\.id))::uuid[], \(bind: chunk.map(\.walletID))::uuid[], \(bind: chunk.map(\.organizationID))::uuid[],
                            \(bind: chunk.map(\.amount))::bigint[], \(bind: chunk.map(\.balanceAfter))::bigint[], \(bind: chunk.map(\.reference))::text[],
                            \(bind: chunk.map(\.description))::text[], \(bind: chunk.map(\.idempotencyKey))::text[])
                  AS v(id, wallet_id, organization_id, amount, balance_after, reference, description, idempotency_key)
                """).run()
        }
        for chunk in records.chunked(Self.batch) {
            func ids(_ values: [UUID?]) -> [UUID] { values.map { $0 ?? Self.none } }
            try await sql.raw("""
                INSERT INTO paas_billing_records (id, organization_id, application_id, resource_type, resource_id, hour_start, seconds, amount,
                                                  description, wallet_transaction_id, plan_id, location_id, lines, created_at)
                SELECT id, organization_id, NULLIF(application_id, \(bind: Self.none)), resource_type, resource_id, hour_start, seconds, amount,
                       description, NULLIF(wallet_transaction_id, \(bind: Self.none)), NULLIF(plan_id, \(bind: Self.none)), NULLIF(location_id, \(bind: Self.none)), lines, \(bind: now)
                FROM unnest(\(bind: chunk.map(\.id))::uuid[], \(bind: chunk.map(\.organizationID))::uuid[], \(bind: ids(chunk.map(\.applicationID)))::uuid[],
                            \(bind: chunk.map(\.resourceType))::text[], \(bind: chunk.map(\.resourceID))::uuid[], \(bind: chunk.map(\.hourStart))::timestamptz[],
                            \(bind: chunk.map(\.seconds))::bigint[], \(bind: chunk.map(\.amount))::bigint[], \(bind: chunk.map(\.description))::text[],
                            \(bind: ids(chunk.map(\.walletTransactionID)))::uuid[], \(bind: ids(chunk.map(\.planID)))::uuid[],
                            \(bind: ids(chunk.map(\.locationID)))::uuid[], \(bind: chunk.map(\.lines))::text[])
                  AS v(id, organization_id, application_id, resource_type, resource_id, hour_start, seconds, amount,
                       description, wallet_transaction_id, plan_id, location_id, lines)
                """).run()
        }
    }
}
