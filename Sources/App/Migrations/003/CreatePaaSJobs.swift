import Fluent

extension Migrations003 {
    struct CreatePaaSJobs: AsyncMigration {
        var name: String { "003_create_paas_jobs" }

        func prepare(on database: any Database) async throws {
            try await database.schema("paas_jobs")
                .id()
                .field("kind", .string, .required)
                // JSON object.
                .field("payload", .string, .required)
                // queued | running | succeeded | failed | cancelled
                .field("status", .string, .required)
                .field("priority", .int, .required)
                .field("run_at", .datetime, .required)
                .field("attempts", .int, .required)
                .field("max_attempts", .int, .required)
                // Worker id holding the job; a lock older than the lease is taken over (a worker killed with -9).
                .field("locked_by", .string)
                .field("locked_at", .datetime)
                .field("last_error", .string)
                // At most one job per key (e.g. "deploy:<app id>"); null for jobs that may repeat.
                .field("unique_key", .string)
                // No foreign key: system jobs have no organization, and a job may outlive one.
                .field("organization_id", .uuid)
                .field("created_at", .datetime)
                .field("finished_at", .datetime)
                .unique(on: "unique_key")
                .create()
            try await SchemaIndex.create("idx_paas_jobs_status_run_at", on: "paas_jobs", columns: ["status", "run_at"], in: database)
            try await SchemaIndex.create("idx_paas_jobs_kind_status", on: "paas_jobs", columns: ["kind", "status"], in: database)
            try await SchemaIndex.create("idx_paas_jobs_org_created", on: "paas_jobs", columns: ["organization_id", "created_at"], in: database)
        }

        func revert(on database: any Database) async throws {
            try await database.schema("paas_jobs").delete()
        }
    }
}
