import Fluent

extension Migrations003 {
    struct CreatePaaSEnvironments: AsyncMigration {
        var name: String { "003_create_paas_environments" }

        func prepare(on database: any Database) async throws {
            try await database.schema("paas_environments")
                .id()
                .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
                .field("application_id", .uuid, .required, .references("paas_applications", "id", onDelete: .cascade))
                // production | staging
                .field("name", .string, .required)
                .field("is_default", .bool, .required)
                .field("created_at", .datetime)
                .field("updated_at", .datetime)
                .unique(on: "application_id", "name", name: "uq_paas_environments_app_name")
                .create()
            try await SchemaIndex.create("idx_paas_environments_org_app", on: "paas_environments", columns: ["organization_id", "application_id"], in: database)
        }

        func revert(on database: any Database) async throws {
            try await database.schema("paas_environments").delete()
        }
    }
}
