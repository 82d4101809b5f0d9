import Fluent

extension Migrations006 {
    struct AddNodeCertificate: AsyncMigration {
        var name: String { "006_add_paas_node_certificate" }

        func prepare(on database: any Database) async throws {
            // The certificate the platform CA issued for the node's Docker API (public; the key stays on the node).
            try await database.schema("paas_worker_nodes").field("tls_certificate", .string).update()
            try await database.schema("paas_worker_nodes").field("tls_certificate_expires_at", .datetime).update()
        }

        func revert(on database: any Database) async throws {
            try await database.schema("paas_worker_nodes").deleteField("tls_certificate_expires_at").update()
            try await database.schema("paas_worker_nodes").deleteField("tls_certificate").update()
        }
    }
}
