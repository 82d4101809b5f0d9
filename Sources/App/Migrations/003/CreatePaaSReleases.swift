import Fluent

extension Migrations003 {
    struct CreatePaaSReleases: AsyncMigration {
        var name: String { "003_create_paas_releases" }

        func prepare(on database: any Database) async throws {
            try await database.schema("paas_releases")
                .id()
                .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
                .field("application_id", .uuid, .required, .references("paas_applications", "id", onDelete: .cascade))
                // v1, v2, ... per application.
                .field("version", .int, .required)
                .field("image", .string, .required)
                .field("image_digest", .string)
                // The config vars as they were at this release (sealed JSON object), so a rollback restores them too.
                .field("config_snapshot_sealed", .string, .required)
                // JSON object: {"web":1}.
                .field("formation", .string, .required)
                // JSON object from the Procfile: {"web":"bundle exec puma", "release":"..."}.
                .field("process_types", .string)
                .field("description", .string, .required)
                // pending | releasing | succeeded | failed
                .field("status", .string, .required)
                .field("error", .string)
                // No foreign key: paas_deployments references this table.
                .field("deployment_id", .uuid)
                .field("created_by", .uuid)
                .field("created_at", .datetime)
                .unique(on: "application_id", "version", name: "uq_paas_releases_app_version")
                .create()
            try await SchemaIndex.create("idx_paas_releases_org_created", on: "paas_releases", columns: ["organization_id", "created_at"], in: database)
        }

        func revert(on database: any Database) async throws {
            try await database.schema("paas_releases").delete()
        }
    }
}
