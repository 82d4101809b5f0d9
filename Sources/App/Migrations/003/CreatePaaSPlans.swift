import Fluent

extension Migrations003 {
    struct CreatePaaSPlans: AsyncMigration {
        var name: String { "003_create_paas_plans" }

        func prepare(on database: any Database) async throws {
            try await database.schema("paas_plans")
                .id()
                .field("name", .string, .required)
                .field("description", .string)
                // Per container: 1000 millis = 1 vCPU.
                .field("cpu_millis", .int64, .required)
                .field("memory_mb", .int64, .required)
                .field("storage_mb", .int64, .required)
                .field("max_containers", .int, .required)
                // Money in micro-units of the wallet's currency, per container-hour.
                .field("price_per_hour", .int64, .required)
                // Package plans: the most one container is charged in a month. Null means pure pay-as-you-go.
                .field("monthly_price", .int64)
                .field("autoscaling_allowed", .bool, .required)
                .field("log_retention_days", .int, .required)
                .field("is_archived", .bool, .required)
                .field("sort_order", .int, .required)
                .field("created_at", .datetime)
                .field("updated_at", .datetime)
                .unique(on: "name")
                .create()
            try await SchemaIndex.create("idx_paas_plans_archived_sort", on: "paas_plans", columns: ["is_archived", "sort_order"], in: database)
        }

        func revert(on database: any Database) async throws {
            try await database.schema("paas_plans").delete()
        }
    }
}
