import Fluent

extension Migrations003 {
    struct CreatePaaSAddons: AsyncMigration {
        var name: String { "003_create_paas_addons" }

        func prepare(on database: any Database) async throws {
            try await database.schema("paas_addons")
                .id()
                .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
                // An addon can outlive the app it was attached to (it is detached, not destroyed).
                .field("application_id", .uuid, .references("paas_applications", "id", onDelete: .setNull))
                .field("addon_plan_id", .uuid, .required, .references("paas_addon_plans", "id", onDelete: .restrict))
                .field("location_id", .uuid, .references("paas_locations", "id", onDelete: .restrict))
                // postgresql | mysql | redis (copied from the plan so listings need no join)
                .field("kind", .string, .required)
                .field("name", .string, .required)
                // Engine version, e.g. "16" for PostgreSQL.
                .field("version", .string)
                // provisioning | available | failed | deleting
                .field("status", .string, .required)
                // Sealed JSON: user, password, host, port, database, url.
                .field("credentials_sealed", .string)
                .field("swarm_service_id", .string)
                .field("volume_name", .string)
                .field("last_error", .string)
                .field("last_backup_at", .datetime)
                .field("created_at", .datetime)
                .field("updated_at", .datetime)
                .unique(on: "organization_id", "name", name: "uq_paas_addons_org_name")
                .create()
            try await SchemaIndex.create("idx_paas_addons_app", on: "paas_addons", columns: ["application_id"], in: database)
            try await SchemaIndex.create("idx_paas_addons_status", on: "paas_addons", columns: ["status"], in: database)
        }

        func revert(on database: any Database) async throws {
            try await database.schema("paas_addons").delete()
        }
    }
}
