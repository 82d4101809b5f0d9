import Fluent

extension Migrations001 {
    struct CreateUsers: AsyncMigration {
        var name: String { "001_create_users" }

        func prepare(on database: any Database) async throws {
            try await database.schema("users")
                .id()
                .field("email", .string, .required)
                .field("name", .string, .required)
                .field("password_hash", .string, .required)
                .field("role", .string, .required)
                .field("created_at", .datetime)
                .field("updated_at", .datetime)
                .unique(on: "email")
                .create()
        }

        func revert(on database: any Database) async throws {
            try await database.schema("users").delete()
        }
    }
}
