import Fluent

extension Migrations003 {
    struct CreatePaaSBuildCache: AsyncMigration {
        var name: String { "003_create_paas_build_cache" }

        func prepare(on database: any Database) async throws {
            try await database.schema("paas_build_cache")
                .id()
                .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
                .field("application_id", .uuid, .required, .references("paas_applications", "id", onDelete: .cascade))
                .field("cache_key", .string, .required)
                .field("path", .string, .required)
                .field("size_bytes", .int64, .required)
                .field("last_used_at", .datetime)
                .field("created_at", .datetime)
                .unique(on: "application_id", "cache_key", name: "uq_paas_build_cache_app_key")
                .create()
            try await SchemaIndex.create("idx_paas_build_cache_org_app", on: "paas_build_cache", columns: ["organization_id", "application_id"], in: database)
            try await SchemaIndex.create("idx_paas_build_cache_last_used", on: "paas_build_cache", columns: ["last_used_at"], in: database)
        }

        func revert(on database: any Database) async throws {
            try await database.schema("paas_build_cache").delete()
        }
    }
}
