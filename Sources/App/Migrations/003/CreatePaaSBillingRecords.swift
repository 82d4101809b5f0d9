import Fluent

extension Migrations003 {
    struct CreatePaaSBillingRecords: AsyncMigration {
        var name: String { "003_create_paas_billing_records" }

        func prepare(on database: any Database) async throws {
            try await database.schema("paas_billing_records")
                .id()
                .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
                // For per-app listings; the charge stays when the app is deleted.
                .field("application_id", .uuid, .references("paas_applications", "id", onDelete: .setNull))
                // app_process | addon
                .field("resource_type", .string, .required)
                .field("resource_id", .uuid, .required)
                // The closed hour charged, truncated to the hour (UTC).
                .field("hour_start", .datetime, .required)
                // Seconds of use within the hour, summed over quantity.
                .field("seconds", .int64, .required)
                // Micro-units debited (0 once a monthly cap is reached).
                .field("amount", .int64, .required)
                .field("description", .string, .required)
                .field("wallet_transaction_id", .uuid, .references("wallet_transactions", "id", onDelete: .setNull))
                .field("created_at", .datetime)
                // Each resource-hour is charged exactly once: a second run of the hourly job conflicts here.
                .unique(on: "resource_type", "resource_id", "hour_start", name: "uq_paas_billing_records_resource_hour")
                .create()
            try await SchemaIndex.create("idx_paas_billing_records_org_hour", on: "paas_billing_records", columns: ["organization_id", "hour_start"], in: database)
            try await SchemaIndex.create("idx_paas_billing_records_app_hour", on: "paas_billing_records", columns: ["application_id", "hour_start"], in: database)
        }

        func revert(on database: any Database) async throws {
            try await database.schema("paas_billing_records").delete()
        }
    }
}
