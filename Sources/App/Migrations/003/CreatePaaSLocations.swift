import Fluent

extension Migrations003 {
    struct CreatePaaSLocations: AsyncMigration {
        var name: String { "003_create_paas_locations" }

        func prepare(on database: any Database) async throws {
            try await database.schema("paas_locations")
                .id()
                .field("name", .string, .required)
                .field("slug", .string, .required)
                // ISO 3166-1 alpha-2 code, e.g. "DE".
                .field("country", .string, .required)
                .field("city", .string)
                .field("is_active", .bool, .required)
                .field("created_at", .datetime)
                .field("updated_at", .datetime)
                .unique(on: "slug")
                .create()
        }

        func revert(on database: any Database) async throws {
            try await database.schema("paas_locations").delete()
        }
    }
}
