import Fluent

extension Migrations005 {
    struct AddDomainCertificateTracking: AsyncMigration {
        var name: String { "005_add_paas_domain_certificate_tracking" }

        func prepare(on database: any Database) async throws {
            // When HTTPS was asked for: no certificate within a day of it fails the domain.
            try await database.schema("paas_domains").field("cert_requested_at", .datetime).update()
            // Who issued the certificate the ingress serves, shown beside its expiry.
            try await database.schema("paas_domains").field("cert_issuer", .string).update()
        }

        func revert(on database: any Database) async throws {
            try await database.schema("paas_domains").deleteField("cert_issuer").update()
            try await database.schema("paas_domains").deleteField("cert_requested_at").update()
        }
    }
}
