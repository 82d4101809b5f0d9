import Fluent

extension Migrations002 {
    struct CreateWalletTransactions: AsyncMigration {
        var name: String { "002_create_wallet_transactions" }

        func prepare(on database: any Database) async throws {
            try await database.schema("wallet_transactions")
                .id()
                .field("wallet_id", .uuid, .required, .references("wallets", "id", onDelete: .cascade))
                .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
                .field("kind", .string, .required)
                .field("amount", .int64, .required)
                .field("balance_after", .int64, .required)
                .field("reference", .string)
                .field("description", .string, .required)
                .field("idempotency_key", .string, .required)
                .field("created_by", .uuid)
                .field("created_at", .datetime)
                .unique(on: "idempotency_key")
                .create()
            try await SchemaIndex.create("idx_wallet_transactions_org_created", on: "wallet_transactions", columns: ["organization_id", "created_at"], in: database)
        }

        func revert(on database: any Database) async throws {
            try await database.schema("wallet_transactions").delete()
        }
    }
}
