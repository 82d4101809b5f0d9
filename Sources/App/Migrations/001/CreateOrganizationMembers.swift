import Fluent

extension Migrations001 {
    struct CreateOrganizationMembers: AsyncMigration {
        var name: String { "001_create_organization_members" }

        func prepare(on database: any Database) async throws {
            try await database.schema("organization_members")
                .id()
                .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
                .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
                .field("role", .string, .required)
                .field("created_at", .datetime)
                .unique(on: "organization_id", "user_id")
                .create()
            try await SchemaIndex.create("idx_organization_members_user", on: "organization_members", columns: ["user_id"], in: database)
        }

        func revert(on database: any Database) async throws {
            try await database.schema("organization_members").delete()
        }
    }
}
