import Fluent

extension Migrations003 {
    struct CreatePaaSDeployments: AsyncMigration {
        var name: String { "003_create_paas_deployments" }

        func prepare(on database: any Database) async throws {
            try await database.schema("paas_deployments")
                .id()
                .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
                .field("application_id", .uuid, .required, .references("paas_applications", "id", onDelete: .cascade))
                .field("environment_id", .uuid, .references("paas_environments", "id", onDelete: .setNull))
                .field("release_id", .uuid, .references("paas_releases", "id", onDelete: .setNull))
                // queued | building | releasing | succeeded | failed | cancelled
                .field("status", .string, .required)
                // push | api | webhook | rollback | config | image ("trigger" is an SQL keyword: quote it in raw SQL).
                .field("trigger", .string, .required)
                .field("git_sha", .string)
                .field("git_ref", .string)
                .field("image", .string)
                // dockerfile | heroku | cnb | image; null until detected.
                .field("builder", .string)
                // The paas_jobs row running this deployment (no foreign key: jobs are pruned).
                .field("job_id", .uuid)
                .field("log", .string)
                .field("error", .string)
                .field("started_at", .datetime)
                .field("finished_at", .datetime)
                .field("created_by", .uuid)
                .field("created_at", .datetime)
                .create()
            try await SchemaIndex.create("idx_paas_deployments_org_created", on: "paas_deployments", columns: ["organization_id", "created_at"], in: database)
            try await SchemaIndex.create("idx_paas_deployments_app_created", on: "paas_deployments", columns: ["application_id", "created_at"], in: database)
            try await SchemaIndex.create("idx_paas_deployments_status", on: "paas_deployments", columns: ["status"], in: database)
        }

        func revert(on database: any Database) async throws {
            try await database.schema("paas_deployments").delete()
        }
    }
}
