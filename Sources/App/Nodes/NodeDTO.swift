import Foundation
import PaaSCore
import Vapor

/// A node as the admin API shows it. Tokens, their hashes and the sealed registration token never appear.
struct NodeDTO: Content {
    let id: String
    let name: String
    let ipv4: String
    let sshPort: Int
    let sshUser: String
    let roles: [String]
    let status: String
    let locationId: String
    let swarmNodeId: String?
    let hostname: String?
    let engineVersion: String?
    let cpuCapacity: Double
    let memoryCapacityMb: Int64
    let cpuAllocated: Double
    let memoryAllocatedMb: Int64
    let taskCount: Int
    let drainProgress: Int?
    let lastSeenAt: Date?
    let lastError: String?
    let installMethod: String?
    let installing: Bool
    let sshHostKeyFingerprint: String?
    let registrationExpiresAt: Date?
    let registered: Bool
    let certificateExpiresAt: Date?
    let createdAt: Date?

    init(_ node: WorkerNode, installing: Bool = false) {
        id = node.id?.uuidString.lowercased() ?? ""
        name = node.name
        ipv4 = node.ipv4
        sshPort = node.sshPort
        sshUser = node.sshUser ?? "root"
        roles = node.roleList
        status = node.status
        locationId = node.$location.id.uuidString.lowercased()
        swarmNodeId = node.swarmNodeID
        hostname = node.hostname
        engineVersion = node.engineVersion
        cpuCapacity = Double(node.cpuCapacityMillis) / 1000
        memoryCapacityMb = node.memoryCapacityMB
        cpuAllocated = Double(node.cpuAllocatedMillis) / 1000
        memoryAllocatedMb = node.memoryAllocatedMB
        taskCount = node.taskCount
        drainProgress = node.drainStartedTasks.map { NodeLifecycle.drainProgress(startTasks: $0, remaining: node.taskCount) }
        lastSeenAt = node.lastSeenAt
        lastError = node.lastError
        installMethod = node.installMethod
        self.installing = installing
        sshHostKeyFingerprint = node.sshHostKeyFingerprint
        registrationExpiresAt = node.registrationExpiresAt
        registered = node.registrationUsedAt != nil
        certificateExpiresAt = node.tlsCertificateExpiresAt
        createdAt = node.createdAt
    }
}

/// What adding a node answers once: the install link and the script. Neither can be read again;
/// a new link comes from `POST /api/admin/paas/nodes/:id/tickets`.
struct NodeInstallTicketDTO: Content {
    let node: NodeDTO
    let installURL: String
    let installCommand: String
    let registrationToken: String
    let installScript: String

    enum CodingKeys: String, CodingKey {
        case node, installURL = "install_url", installCommand = "install_command"
        case registrationToken = "registration_token", installScript = "install_script"
    }
}
