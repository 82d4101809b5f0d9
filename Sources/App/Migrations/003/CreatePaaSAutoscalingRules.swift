import Fluent

extension Migrations003 {
    struct CreatePaaSAutoscalingRules: AsyncMigration {
        var name: String { "003_create_paas_autoscaling_rules" }

        func prepare(on database: any Database) async throws {
            try await database.schema("paas_autoscaling_rules")
                .id()
                .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
                .field("application_id", .uuid, .required, .references("paas_applications", "id", onDelete: .cascade))
                .field("process_type", .string, .required)
                .field("min_containers", .int, .required)
                .field("max_containers", .int, .required)
                // Percent of the plan's limit: above "up" scale out, below "down" scale in.
                .field("cpu_up_percent", .int, .required)
                .field("cpu_down_percent", .int, .required)
                .field("memory_up_percent", .int, .required)
                .field("memory_down_percent", .int)
                // How long a threshold must hold before acting (null: the platform defaults, 5 and 15 minutes).
                .field("scale_up_window_seconds", .int)
                .field("scale_down_window_seconds", .int)
                .field("cooldown_seconds", .int, .required)
                .field("is_enabled", .bool, .required)
                .field("last_scaled_at", .datetime)
                .field("created_at", .datetime)
                .field("updated_at", .datetime)
                .unique(on: "application_id", "process_type", name: "uq_paas_autoscaling_rules_app_process")
                .create()
            try await SchemaIndex.create("idx_paas_autoscaling_rules_org_app", on: "paas_autoscaling_rules", columns: ["organization_id", "application_id"], in: database)
            try await SchemaIndex.create("idx_paas_autoscaling_rules_enabled", on: "paas_autoscaling_rules", columns: ["is_enabled"], in: database)
        }

        func revert(on database: any Database) async throws {
            try await database.schema("paas_autoscaling_rules").delete()
        }
    }
}
