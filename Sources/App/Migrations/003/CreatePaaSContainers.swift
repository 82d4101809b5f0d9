import Fluent

extension Migrations003 {
    struct CreatePaaSContainers: AsyncMigration {
        var name: String { "003_create_paas_containers" }

        func prepare(on database: any Database) async throws {
            // One row per Swarm task, mirrored from the Docker API.
            try await database.schema("paas_containers")
                .id()
                .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
                .field("application_id", .uuid, .required, .references("paas_applications", "id", onDelete: .cascade))
                .field("worker_node_id", .uuid, .references("paas_worker_nodes", "id", onDelete: .setNull))
                .field("release_id", .uuid, .references("paas_releases", "id", onDelete: .setNull))
                .field("process_type", .string, .required)
                // Swarm task slot: web.1, web.2, ...
                .field("slot", .int)
                .field("swarm_service_id", .string, .required)
                .field("swarm_task_id", .string, .required)
                .field("state", .string, .required)
                .field("desired_state", .string)
                .field("ip_address", .string)
                .field("health", .string)
                .field("error", .string)
                .field("started_at", .datetime)
                .field("created_at", .datetime)
                .field("updated_at", .datetime)
                .unique(on: "swarm_task_id")
                .create()
            try await SchemaIndex.create("idx_paas_containers_org_app", on: "paas_containers", columns: ["organization_id", "application_id"], in: database)
            try await SchemaIndex.create("idx_paas_containers_app_process", on: "paas_containers", columns: ["application_id", "process_type"], in: database)
            try await SchemaIndex.create("idx_paas_containers_node", on: "paas_containers", columns: ["worker_node_id"], in: database)
        }

        func revert(on database: any Database) async throws {
            try await database.schema("paas_containers").delete()
        }
    }
}
