import Fluent

extension Migrations003 {
    struct CreatePaaSMetrics: AsyncMigration {
        var name: String { "003_create_paas_metrics" }

        func prepare(on database: any Database) async throws {
            // One row per app, process type and period; collectors add to it.
            try await database.schema("paas_metrics")
                .id()
                .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
                .field("application_id", .uuid, .required, .references("paas_applications", "id", onDelete: .cascade))
                .field("process_type", .string, .required)
                .field("period_start", .datetime, .required)
                .field("period_seconds", .int, .required)
                .field("cpu_seconds", .int64, .required)
                .field("memory_mb_seconds", .int64, .required)
                .field("bandwidth_bytes", .int64, .required)
                .field("storage_bytes", .int64, .required)
                .field("request_count", .int64, .required)
                .field("created_at", .datetime)
                .unique(on: "application_id", "process_type", "period_start", name: "uq_paas_metrics_app_process_period")
                .create()
            try await SchemaIndex.create("idx_paas_metrics_org_period", on: "paas_metrics", columns: ["organization_id", "period_start"], in: database)
            try await SchemaIndex.create("idx_paas_metrics_period", on: "paas_metrics", columns: ["period_start"], in: database)
        }

        func revert(on database: any Database) async throws {
            try await database.schema("paas_metrics").delete()
        }
    }
}
