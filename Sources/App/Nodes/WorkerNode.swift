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
    @OptionalField(key: "ssh_user") var sshUser: String?
    @OptionalField(key: "install_method") var installMethod: String?
    @OptionalField(key: "install_log") var installLog: String?
    @OptionalField(key: "ssh_host_key_fingerprint") var sshHostKeyFingerprint: String?
    @OptionalField(key: "registration_token_hash") var registrationTokenHash: String?
    @OptionalField(key: "registration_expires_at") var registrationExpiresAt: Date?
    @OptionalField(key: "registration_used_at") var registrationUsedAt: Date?
    @OptionalField(key: "registration_token_sealed") var registrationTokenSealed: String?
    @OptionalField(key: "script_token_hash") var scriptTokenHash: String?
    @OptionalField(key: "script_used_at") var scriptUsedAt: Date?
    @OptionalField(key: "tls_certificate") var tlsCertificate: String?
    @OptionalField(key: "tls_certificate_expires_at") var tlsCertificateExpiresAt: Date?
    @OptionalField(key: "drain_started_tasks") var drainStartedTasks: Int?
    @OptionalField(key: "drain_started_at") var drainStartedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
