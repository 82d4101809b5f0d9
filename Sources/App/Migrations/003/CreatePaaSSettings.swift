import Fluent

extension Migrations003 {
    struct CreatePaaSSettings: AsyncMigration {
        var name: String { "003_create_paas_settings" }

        func prepare(on database: any Database) async throws {
            // Platform-wide settings an admin can change, e.g. the default-domain template.
            try await database.schema("paas_settings")
                .id()
                // "key" is an SQL keyword: quote it in raw SQL.
                .field("key", .string, .required)
                .field("value", .string, .required)
                .field("updated_at", .datetime)
                .unique(on: "key")
                .create()
        }

        func revert(on database: any Database) async throws {
            try await database.schema("paas_settings").delete()
        }
    }
}
