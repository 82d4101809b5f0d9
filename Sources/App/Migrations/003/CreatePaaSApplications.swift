import Fluent

extension Migrations003 {
    struct CreatePaaSApplications: AsyncMigration {
        var name: String { "003_create_paas_applications" }

        func prepare(on database: any Database) async throws {
            try await database.schema("paas_applications")
                .id()
                .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
                // Unique platform-wide: it names the default domain and the git remote.
                .field("name", .string, .required)
                .field("description", .string)
                .field("plan_id", .uuid, .required, .references("paas_plans", "id", onDelete: .restrict))
                .field("location_id", .uuid, .required, .references("paas_locations", "id", onDelete: .restrict))
                // new | deploying | running | crashed | stopped | suspended | failed
                .field("status", .string, .required)
                .field("deploy_branch", .string, .required)
                // External git source (webhook deploys); null for the built-in git remote only.
                .field("repo_url", .string)
                // JSON array of buildpack URLs or ids; null means auto-detect.
                .field("buildpacks", .string)
                .field("health_check_path", .string)
                // No foreign key: paas_releases references this table, and a cycle would block creating and dropping either.
                .field("current_release_id", .uuid)
                // JSON object, desired quantity per process type: {"web":1}. Kept while suspended so a top-up restores it.
                .field("formation", .string, .required)
                .field("suspended_at", .datetime)
                .field("created_by", .uuid)
                .field("created_at", .datetime)
                .field("updated_at", .datetime)
                .unique(on: "name")
                .create()
            try await SchemaIndex.create("idx_paas_applications_org_status", on: "paas_applications", columns: ["organization_id", "status"], in: database)
            try await SchemaIndex.create("idx_paas_applications_status", on: "paas_applications", columns: ["status"], in: database)
            try await SchemaIndex.create("idx_paas_applications_plan", on: "paas_applications", columns: ["plan_id"], in: database)
            try await SchemaIndex.create("idx_paas_applications_location", on: "paas_applications", columns: ["location_id"], in: database)
        }

        func revert(on database: any Database) async throws {
            try await database.schema("paas_applications").delete()
        }
    }
}
