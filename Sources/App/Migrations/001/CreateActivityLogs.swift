import Fluent

extension Migrations001 {
    struct CreateActivityLogs: AsyncMigration {
        var name: String { "001_create_activity_logs" }

        func prepare(on database: any Database) async throws {
            try await database.schema("activity_logs")
                .id()
                // Rows outlive the user or organization they name: the audit trail is not deleted with them.
                .field("user_id", .uuid)
                .field("organization_id", .uuid)
                .field("action", .string, .required)
                .field("target_type", .string)
                .field("target_id", .string)
                .field("ip", .string)
                .field("details", .string)
                .field("created_at", .datetime)
                .create()
            try await SchemaIndex.create("idx_activity_logs_org_created", on: "activity_logs", columns: ["organization_id", "created_at"], in: database)
        }

        func revert(on database: any Database) async throws {
            try await database.schema("activity_logs").delete()
        }
    }
}
