import Fluent

extension Migrations001 {
    struct CreateOrganizations: AsyncMigration {
        var name: String { "001_create_organizations" }

        func prepare(on database: any Database) async throws {
            try await database.schema("organizations")
                .id()
                .field("name", .string, .required)
                .field("slug", .string, .required)
                .field("created_at", .datetime)
                .field("updated_at", .datetime)
                .unique(on: "slug")
                .create()
        }

        func revert(on database: any Database) async throws {
            try await database.schema("organizations").delete()
        }
    }
}
