import Fluent

extension Migrations003 {
    struct CreatePaaSUsageSegments: AsyncMigration {
        var name: String { "003_create_paas_usage_segments" }

        func prepare(on database: any Database) async throws {
            // A span of time during which one resource ran at one quantity and price. A scale event ends one segment and starts the next.
            try await database.schema("paas_usage_segments")
                .id()
                .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
                // A segment outlives a deleted app: its last hours are still charged.
                .field("application_id", .uuid, .references("paas_applications", "id", onDelete: .setNull))
                // app_process | addon
                .field("resource_type", .string, .required)
                // The application id for app_process, the addon id for addon.
                .field("resource_id", .uuid, .required)
                .field("process_type", .string)
                .field("quantity", .int, .required)
                // paas_plans id or paas_addon_plans id, by resource_type: no foreign key.
                .field("plan_id", .uuid)
                // Prices copied from the plan when the segment starts, so a later price change does not reprice the past.
                .field("price_per_hour", .int64, .required)
                .field("monthly_cap", .int64)
                .field("started_at", .datetime, .required)
                .field("ended_at", .datetime)
                .field("created_at", .datetime)
                .create()
            try await SchemaIndex.create("idx_paas_usage_segments_org_started", on: "paas_usage_segments", columns: ["organization_id", "started_at"], in: database)
            try await SchemaIndex.create("idx_paas_usage_segments_ended", on: "paas_usage_segments", columns: ["ended_at"], in: database)
            try await SchemaIndex.create("idx_paas_usage_segments_resource", on: "paas_usage_segments", columns: ["resource_type", "resource_id"], in: database)
        }

        func revert(on database: any Database) async throws {
            try await database.schema("paas_usage_segments").delete()
        }
    }
}
