import Fluent

extension Migrations003 {
    struct CreatePaaSWorkerNodes: AsyncMigration {
        var name: String { "003_create_paas_worker_nodes" }

        func prepare(on database: any Database) async throws {
            // The root password an admin types to install a node is used once and never stored: there is no column for it.
            try await database.schema("paas_worker_nodes")
                .id()
                .field("name", .string, .required)
                .field("location_id", .uuid, .required, .references("paas_locations", "id", onDelete: .restrict))
                .field("ipv4", .string, .required)
                .field("private_ipv4", .string)
                .field("ssh_port", .int, .required)
                .field("ssh_user", .string)
                // Comma list: worker,ingress (and manager for the Swarm manager).
                .field("roles", .string, .required)
                // pending | installing | ready | draining | drained | down | removed
                .field("status", .string, .required)
                // script | ssh: who runs the install script.
                .field("install_method", .string)
                .field("swarm_node_id", .string)
                .field("hostname", .string)
                .field("engine_version", .string)
                .field("os", .string)
                .field("architecture", .string)
                .field("cpu_capacity_millis", .int64, .required)
                .field("memory_capacity_mb", .int64, .required)
                .field("disk_capacity_mb", .int64)
                .field("cpu_allocated_millis", .int64, .required)
                .field("memory_allocated_mb", .int64, .required)
                .field("task_count", .int, .required)
                // SHA-256 of the one-time token the install script calls back with.
                .field("registration_token_hash", .string)
                .field("registration_expires_at", .datetime)
                .field("registration_used_at", .datetime)
                .field("ssh_host_key_fingerprint", .string)
                .field("install_log", .string)
                .field("last_error", .string)
                .field("last_seen_at", .datetime)
                .field("created_at", .datetime)
                .field("updated_at", .datetime)
                .unique(on: "swarm_node_id")
                .unique(on: "registration_token_hash")
                .create()
            try await SchemaIndex.create("idx_paas_worker_nodes_location_status", on: "paas_worker_nodes", columns: ["location_id", "status"], in: database)
            try await SchemaIndex.create("idx_paas_worker_nodes_status", on: "paas_worker_nodes", columns: ["status"], in: database)
        }

        func revert(on database: any Database) async throws {
            try await database.schema("paas_worker_nodes").delete()
        }
    }
}
