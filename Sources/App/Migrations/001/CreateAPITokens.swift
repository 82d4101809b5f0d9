import Fluent

extension Migrations001 {
    struct CreateAPITokens: AsyncMigration {
        var name: String { "001_create_api_tokens" }

        func prepare(on database: any Database) async throws {
            try await database.schema("api_tokens")
                .id()
                .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
                .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
                .field("name", .string, .required)
                .field("token_hash", .string, .required)
                .field("prefix", .string, .required)
                .field("last_used_at", .datetime)
                .field("expires_at", .datetime)
                .field("revoked_at", .datetime)
                .field("created_at", .datetime)
                .unique(on: "token_hash")
                .create()
            try await SchemaIndex.create("idx_api_tokens_org_user", on: "api_tokens", columns: ["organization_id", "user_id"], in: database)
        }

        func revert(on database: any Database) async throws {
            try await database.schema("api_tokens").delete()
        }
    }
}
