import Fluent
import Foundation
import Testing
import VaporTesting
@testable import App

/// Removing a node whose own Docker API does not answer: it still goes, and the admin learns what
/// to run on it. (A node that does answer leaves by itself: NodeSecondSwarmNodeTests.)
@Suite("Node removal", .serialized, .enabled { await DockerAvailability.shouldRun() })
struct NodeRemovalTests {
    @Test("A node that never answers is removed from the Swarm and the record says to run docker swarm leave there")
    func unreachableNode() async throws {
        try await TestApp.withApp { app in
            let docker = try await DockerAvailability.use(in: app)
            let outcome = try await NodeBootstrap(db: app.db, docker: docker).run(.init(locationSlug: "local", country: "DE"))
            let admin = try await app.makeAdminToken()
            let node = WorkerNode()
            node.name = "silent-node"
            node.$location.id = try outcome.location.requireID()
            // Loopback, where no Docker API listens on 2376: refused at once, as a node that is gone.
            node.ipv4 = "127.0.0.2"
            node.sshPort = 22
            node.roles = "worker"
            node.status = NodeStatus.down
            node.swarmNodeID = "gone" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
            node.tlsCertificate = "issued at registration"
            node.cpuCapacityMillis = 1000
            node.memoryCapacityMB = 1024
            node.cpuAllocatedMillis = 0
            node.memoryAllocatedMB = 0
            node.taskCount = 0
            try await node.create(on: app.db)

            let removed = try await app.send(.DELETE, "/api/admin/paas/nodes/\(node.id!.uuidString)", token: admin)
            #expect(removed.status == .ok, "\(removed.body.string)")
            let body = try removed.json()
            #expect(body["status"] as? String == "removed")
            let message = body["last_error"] as? String ?? ""
            #expect(message.contains("127.0.0.2:2376 did not answer") && message.contains("docker swarm leave --force"), "\(message)")
        }
    }
}
