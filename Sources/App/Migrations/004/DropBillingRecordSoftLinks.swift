import Fluent
import SQLKit

extension Migrations004 {
    /// A billing record keeps the id of the app it charged after the app is deleted (statements
    /// still group by it), and its debit transaction is never deleted on its own: neither link
    /// needs a foreign key, and on PostgreSQL the two checks per row were a third of the hourly
    /// run's write time. SQLite cannot drop a constraint without rebuilding the table; its checks
    /// run in-process and cost little, so it keeps them (there a deleted app's id becomes null).
    struct DropBillingRecordSoftLinks: AsyncMigration {
        var name: String { "004_drop_paas_billing_record_soft_links" }

        func prepare(on database: any Database) async throws {
            guard database.isPostgres else { return }
            try await database.sql().raw("""
                ALTER TABLE paas_billing_records
                  DROP CONSTRAINT IF EXISTS paas_billing_records_application_id_fkey,
                  DROP CONSTRAINT IF EXISTS paas_billing_records_wallet_transaction_id_fkey
                """).run()
        }

        func revert(on database: any Database) async throws {
            guard database.isPostgres else { return }
            try await database.sql().raw("""
                ALTER TABLE paas_billing_records
                  ADD CONSTRAINT paas_billing_records_application_id_fkey FOREIGN KEY (application_id) REFERENCES paas_applications(id) ON DELETE SET NULL NOT VALID,
                  ADD CONSTRAINT paas_billing_records_wallet_transaction_id_fkey FOREIGN KEY (wallet_transaction_id) REFERENCES wallet_transactions(id) ON DELETE SET NULL NOT VALID
                """).run()
        }
    }
}
