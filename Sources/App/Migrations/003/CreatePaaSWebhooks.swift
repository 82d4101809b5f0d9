import Fluent

extension Migrations003 {
    struct CreatePaaSWebhooks: AsyncMigration {
        var name: String { "003_create_paas_webhooks" }

        func prepare(on database: any Database) async throws {
            try await database.schema("paas_webhooks")
                .id()
                .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
                .field("application_id", .uuid, .required, .references("paas_applications", "id", onDelete: .cascade))
                // github | gitlab | generic
                .field("provider", .string, .required)
                // "owner/repo" the deliveries must name; null accepts any.
                .field("repository", .string)
                // The secret that verifies delivery signatures (HMAC), sealed.
                .field("secret_sealed", .string, .required)
                // SHA-256 of the URL secret: POST /api/paas/webhooks/:secret is looked up by it.
                .field("secret_hash", .string, .required)
                // Null means the app's deploy_branch.
                .field("branch", .string)
                .field("is_active", .bool, .required)
                .field("last_delivery_at", .datetime)
                .field("last_delivery_status", .string)
                .field("created_at", .datetime)
                .field("updated_at", .datetime)
                .unique(on: "secret_hash")
                .create()
            try await SchemaIndex.create("idx_paas_webhooks_org_app", on: "paas_webhooks", columns: ["organization_id", "application_id"], in: database)
            try await SchemaIndex.create("idx_paas_webhooks_app", on: "paas_webhooks", columns: ["application_id"], in: database)
        }

        func revert(on database: any Database) async throws {
            try await database.schema("paas_webhooks").delete()
        }
    }
}
