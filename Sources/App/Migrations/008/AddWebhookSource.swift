import Fluent

extension Migrations008 {
    struct AddWebhookSource: AsyncMigration {
        var name: String { "008_add_paas_webhook_source" }

        func prepare(on database: any Database) async throws {
            // One column per statement: SQLite adds one per ALTER TABLE.
            // The https URL a delivery's commit is fetched from, sealed: it may carry a token for a
            // private repository. Null: the app's own repository on the platform.
            try await database.schema("paas_webhooks").field("clone_url_sealed", .string).update()
            // The member who set it up; deliveries deploy as them, and stop when they leave.
            try await database.schema("paas_webhooks").field("created_by", .uuid).update()
        }

        func revert(on database: any Database) async throws {
            try await database.schema("paas_webhooks").deleteField("created_by").update()
            try await database.schema("paas_webhooks").deleteField("clone_url_sealed").update()
        }
    }
}
