import Fluent

extension Migrations004 {
    struct AddBillingRecordAttribution: AsyncMigration {
        var name: String { "004_add_paas_billing_record_attribution" }

        func prepare(on database: any Database) async throws {
            // The plan that earned most of the hour's charge, and where it ran: revenue per plan and per location.
            // The itemized lines (process, plan, container-seconds, amount, capped) as JSON.
            // One column per statement: SQLite adds a single column per ALTER TABLE.
            for (field, type): (FieldKey, DatabaseSchema.DataType) in [("plan_id", .uuid), ("location_id", .uuid), ("lines", .string)] {
                try await database.schema("paas_billing_records").field(field, type).update()
            }
            try await SchemaIndex.create("idx_paas_billing_records_hour", on: "paas_billing_records", columns: ["hour_start"], in: database)
        }

        func revert(on database: any Database) async throws {
            try await SchemaIndex.drop("idx_paas_billing_records_hour", in: database)
            for field: FieldKey in ["lines", "location_id", "plan_id"] {
                try await database.schema("paas_billing_records").deleteField(field).update()
            }
        }
    }
}
