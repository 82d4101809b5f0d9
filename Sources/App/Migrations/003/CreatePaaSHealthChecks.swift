import Fluent

extension Migrations003 {
    struct CreatePaaSHealthChecks: AsyncMigration {
        var name: String { "003_create_paas_health_checks" }

        func prepare(on database: any Database) async throws {
            try await database.schema("paas_health_checks")
                .id()
                .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
                .field("application_id", .uuid, .required, .references("paas_applications", "id", onDelete: .cascade))
                // Null: applies to the app in every environment.
                .field("environment_id", .uuid, .references("paas_environments", "id", onDelete: .cascade))
                // Null means "web".
                .field("process_type", .string)
                // http | tcp
                .field("kind", .string, .required)
                .field("path", .string)
                .field("port", .int)
                .field("interval_seconds", .int, .required)
                .field("timeout_seconds", .int, .required)
                .field("start_period_seconds", .int, .required)
                .field("retries", .int, .required)
                // unknown | healthy | unhealthy
                .field("status", .string, .required)
                .field("last_checked_at", .datetime)
                .field("last_success_at", .datetime)
                .field("last_error", .string)
                .field("created_at", .datetime)
                .field("updated_at", .datetime)
                .create()
            try await SchemaIndex.create("idx_paas_health_checks_org_app", on: "paas_health_checks", columns: ["organization_id", "application_id"], in: database)
            try await SchemaIndex.create("idx_paas_health_checks_app", on: "paas_health_checks", columns: ["application_id"], in: database)
        }

        func revert(on database: any Database) async throws {
            try await database.schema("paas_health_checks").delete()
        }
    }
}
