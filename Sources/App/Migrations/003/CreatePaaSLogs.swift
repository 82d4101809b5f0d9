import Fluent

extension Migrations003 {
    struct CreatePaaSLogs: AsyncMigration {
        var name: String { "003_create_paas_logs" }

        func prepare(on database: any Database) async throws {
            // Write-heavy: kept to the indexes that searches and retention pruning need.
            try await database.schema("paas_logs")
                .id()
                .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
                .field("application_id", .uuid, .required, .references("paas_applications", "id", onDelete: .cascade))
                // Null for platform lines (stream "system").
                .field("process_type", .string)
                .field("task_id", .string)
                // stdout | stderr | system
                .field("stream", .string, .required)
                .field("line", .string, .required)
                .field("logged_at", .datetime, .required)
                .create()
            try await SchemaIndex.create("idx_paas_logs_app_logged", on: "paas_logs", columns: ["application_id", "logged_at"], in: database)
            try await SchemaIndex.create("idx_paas_logs_org_logged", on: "paas_logs", columns: ["organization_id", "logged_at"], in: database)
        }

        func revert(on database: any Database) async throws {
            try await database.schema("paas_logs").delete()
        }
    }
}
