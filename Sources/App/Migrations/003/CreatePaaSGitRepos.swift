import Fluent

extension Migrations003 {
    struct CreatePaaSGitRepos: AsyncMigration {
        var name: String { "003_create_paas_git_repos" }

        func prepare(on database: any Database) async throws {
            try await database.schema("paas_git_repos")
                .id()
                .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
                .field("application_id", .uuid, .required, .references("paas_applications", "id", onDelete: .cascade))
                // Bare repository on the control plane, relative to the data directory.
                .field("path", .string, .required)
                .field("default_branch", .string, .required)
                .field("size_bytes", .int64, .required)
                .field("last_push_at", .datetime)
                .field("last_pushed_sha", .string)
                .field("created_at", .datetime)
                .field("updated_at", .datetime)
                .unique(on: "application_id")
                .create()
            try await SchemaIndex.create("idx_paas_git_repos_org", on: "paas_git_repos", columns: ["organization_id"], in: database)
        }

        func revert(on database: any Database) async throws {
            try await database.schema("paas_git_repos").delete()
        }
    }
}
