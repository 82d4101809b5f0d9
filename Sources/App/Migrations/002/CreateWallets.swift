import Fluent

extension Migrations002 {
    struct CreateWallets: AsyncMigration {
        var name: String { "002_create_wallets" }

        func prepare(on database: any Database) async throws {
            try await database.schema("wallets")
                .id()
                .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
                .field("balance", .int64, .required)
                .field("currency", .string, .required)
                .field("low_balance_threshold", .int64, .required)
                .field("created_at", .datetime)
                .field("updated_at", .datetime)
                .unique(on: "organization_id")
                .create()
        }

        func revert(on database: any Database) async throws {
            try await database.schema("wallets").delete()
        }
    }
}
