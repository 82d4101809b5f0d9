import Fluent

extension Migrations006 {
    struct AddNodeDrainTracking: AsyncMigration {
        var name: String { "006_add_paas_node_drain_tracking" }

        func prepare(on database: any Database) async throws {
            // Tasks running when the drain began: progress is how many of them have moved.
            try await database.schema("paas_worker_nodes").field("drain_started_tasks", .int).update()
            try await database.schema("paas_worker_nodes").field("drain_started_at", .datetime).update()
        }

        func revert(on database: any Database) async throws {
            try await database.schema("paas_worker_nodes").deleteField("drain_started_at").update()
            try await database.schema("paas_worker_nodes").deleteField("drain_started_tasks").update()
        }
    }
}
