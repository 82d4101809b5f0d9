import Fluent

extension Migrations001 {
    struct CreateUserSessions: AsyncMigration {
        var name: String { "001_create_user_sessions" }

        func prepare(on database: any Database) async throws {
            try await database.schema("user_sessions")
                .id()
                .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
                .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
                .field("token_hash", .string, .required)
                .field("csrf_token", .string, .required)
                .field("ip", .string)
                .field("user_agent", .string)
                .field("expires_at", .datetime, .required)
                .field("created_at", .datetime)
                .unique(on: "token_hash")
                .create()
            try await SchemaIndex.create("idx_user_sessions_user", on: "user_sessions", columns: ["user_id"], in: database)
        }

        func revert(on database: any Database) async throws {
            try await database.schema("user_sessions").delete()
        }
    }
}
