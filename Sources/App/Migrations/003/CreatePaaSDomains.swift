import Fluent

extension Migrations003 {
    struct CreatePaaSDomains: AsyncMigration {
        var name: String { "003_create_paas_domains" }

        func prepare(on database: any Database) async throws {
            try await database.schema("paas_domains")
                .id()
                .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
                .field("application_id", .uuid, .required, .references("paas_applications", "id", onDelete: .cascade))
                // Lowercased; a hostname belongs to at most one app platform-wide.
                .field("hostname", .string, .required)
                .field("is_default", .bool, .required)
                // pending_dns | verified | cert_pending | active | failed
                .field("status", .string, .required)
                // Expected in the TXT record at _paas-challenge.<hostname>; null for default domains.
                .field("verification_token", .string)
                .field("last_error", .string)
                .field("verified_at", .datetime)
                // An unverified claim on a hostname lapses at this time, so nobody can squat it.
                .field("claim_expires_at", .datetime)
                .field("cert_status", .string)
                .field("cert_expires_at", .datetime)
                .field("last_checked_at", .datetime)
                .field("created_at", .datetime)
                .field("updated_at", .datetime)
                .unique(on: "hostname")
                .create()
            try await SchemaIndex.create("idx_paas_domains_org_app", on: "paas_domains", columns: ["organization_id", "application_id"], in: database)
            try await SchemaIndex.create("idx_paas_domains_app", on: "paas_domains", columns: ["application_id"], in: database)
            try await SchemaIndex.create("idx_paas_domains_status", on: "paas_domains", columns: ["status"], in: database)
            try await SchemaIndex.create("idx_paas_domains_cert_expires", on: "paas_domains", columns: ["cert_expires_at"], in: database)
        }

        func revert(on database: any Database) async throws {
            try await database.schema("paas_domains").delete()
        }
    }
}
