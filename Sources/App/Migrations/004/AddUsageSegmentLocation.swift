import Fluent

extension Migrations004 {
    struct AddUsageSegmentLocation: AsyncMigration {
        var name: String { "004_add_paas_usage_segment_location" }

        func prepare(on database: any Database) async throws {
            // Copied when the segment starts: the app may move or be deleted before the hour is billed.
            try await database.schema("paas_usage_segments").field("location_id", .uuid).update()
            try await SchemaIndex.create("idx_paas_usage_segments_open", on: "paas_usage_segments", columns: ["resource_id", "ended_at"], in: database)
        }

        func revert(on database: any Database) async throws {
            try await SchemaIndex.drop("idx_paas_usage_segments_open", in: database)
            try await database.schema("paas_usage_segments").deleteField("location_id").update()
        }
    }
}
