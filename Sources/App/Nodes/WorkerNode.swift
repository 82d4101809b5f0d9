import Fluent
import Foundation

/// A server in the Swarm. Root passwords never reach this table: they live in memory for one install.
final class WorkerNode: Model, @unchecked Sendable {
    static let schema = "paas_worker_nodes"

    @ID var id: UUID?
    @Field(key: "name") var name: String
    @Parent(key: "location_id") var location: Location
    @Field(key: "ipv4") var ipv4: String
    @Field(key: "ssh_port") var sshPort: Int
    @Field(key: "roles") var roles: String
    @Field(key: "status") var status: String
    @OptionalField(key: "swarm_node_id") var swarmNodeID: String?
    @OptionalField(key: "engine_version") var engineVersion: String?
    @OptionalField(key: "hostname") var hostname: String?
    @OptionalField(key: "os") var os: String?
    @OptionalField(key: "architecture") var architecture: String?
    @Field(key: "cpu_capacity_millis") var cpuCapacityMillis: Int64
    @Field(key: "memory_capacity_mb") var memoryCapacityMB: Int64
    @Field(key: "cpu_allocated_millis") var cpuAllocatedMillis: Int64
    @Field(key: "memory_allocated_mb") var memoryAllocatedMB: Int64
    @Field(key: "task_count") var taskCount: Int
    @OptionalField(key: "last_seen_at") var lastSeenAt: Date?
    @OptionalField(key: "last_error") var lastError: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
