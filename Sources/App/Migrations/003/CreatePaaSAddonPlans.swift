import Fluent

extension Migrations003 {
    struct CreatePaaSAddonPlans: AsyncMigration {
        var name: String { "003_create_paas_addon_plans" }

        func prepare(on database: any Database) async throws {
            try await database.schema("paas_addon_plans")
                .id()
                // postgresql | mysql | redis
                .field("kind", .string, .required)
                .field("name", .string, .required)
                .field("description", .string)
                .field("cpu_millis", .int64)
                .field("memory_mb", .int64, .required)
                .field("storage_mb", .int64, .required)
                .field("max_connections", .int)
                // Money in micro-units per hour; monthly_price, when set, caps a month's charge.
                .field("price_per_hour", .int64, .required)
                .field("monthly_price", .int64)
                .field("is_archived", .bool, .required)
                .field("sort_order", .int)
                .field("created_at", .datetime)
                .field("updated_at", .datetime)
                .unique(on: "kind", "name", name: "uq_paas_addon_plans_kind_name")
                .create()
        }

        func revert(on database: any Database) async throws {
            try await database.schema("paas_addon_plans").delete()
        }
    }
}
