import Fluent

extension Migrations006 {
    struct AddNodeScriptToken: AsyncMigration {
        var name: String { "006_add_paas_node_script_token" }

        func prepare(on database: any Database) async throws {
            // SHA-256 of the one-time install URL's token; it expires with the registration token.
            try await database.schema("paas_worker_nodes").field("script_token_hash", .string).update()
            try await database.schema("paas_worker_nodes").field("script_used_at", .datetime).update()
            // The registration token sealed with the master key: the script served from the URL embeds it.
            try await database.schema("paas_worker_nodes").field("registration_token_sealed", .string).update()
        }

        func revert(on database: any Database) async throws {
            try await database.schema("paas_worker_nodes").deleteField("registration_token_sealed").update()
            try await database.schema("paas_worker_nodes").deleteField("script_used_at").update()
            try await database.schema("paas_worker_nodes").deleteField("script_token_hash").update()
        }
    }
}
