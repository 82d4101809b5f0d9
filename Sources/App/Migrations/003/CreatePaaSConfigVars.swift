import Fluent

extension Migrations003 {
    struct CreatePaaSConfigVars: AsyncMigration {
        var name: String { "003_create_paas_config_vars" }

        func prepare(on database: any Database) async throws {
            try await database.schema("paas_config_vars")
                .id()
                .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
                .field("application_id", .uuid, .required, .references("paas_applications", "id", onDelete: .cascade))
                // "key" is an SQL keyword: quote it in raw SQL.
                .field("key", .string, .required)
                .field("value_sealed", .string, .required)
                .field("created_at", .datetime)
                .field("updated_at", .datetime)
                .unique(on: "application_id", "key", name: "uq_paas_config_vars_app_key")
                .create()
            try await SchemaIndex.create("idx_paas_config_vars_org_app", on: "paas_config_vars", columns: ["organization_id", "application_id"], in: database)
        }

        func revert(on database: any Database) async throws {
            try await database.schema("paas_config_vars").delete()
        }
    }
}
