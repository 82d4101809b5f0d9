import Fluent

extension Migrations007 {
    struct AddDomainProofTracking: AsyncMigration {
        var name: String { "007_add_paas_domain_proof_tracking" }

        func prepare(on database: any Database) async throws {
            // When a verified domain's TXT record went missing: past a grace period it is unverified.
            try await database.schema("paas_domains").field("proof_missing_since", .datetime).update()
        }

        func revert(on database: any Database) async throws {
            try await database.schema("paas_domains").deleteField("proof_missing_since").update()
        }
    }
}
