import DockerEngine
import Fluent
import Foundation
import Vapor

/// Ties a Swarm node to its record: the labels placement and ingress selection read, and the
/// capacity and state Swarm reports.
struct NodeLabeler {
    let app: Application
    let db: any Database
    var now: Date = Date()

    func adopt(_ node: WorkerNode, swarmNodeID: String, engineVersion: String?) async throws {
        let docker = app.docker
        if let other = try await WorkerNode.query(on: db).filter(\.$swarmNodeID == swarmNodeID).first(), other.id != node.id {
            throw AppError.conflict("swarm_node_taken", "The Swarm node \(swarmNodeID) already belongs to the node \(other.name).")
        }
        let location = try await node.$location.get(on: db)
        var labels = [NodeLabels.location: location.slug, NodeLabels.node: node.id!.uuidString]
        labels[NodeLabels.ingress] = node.roleList.contains("ingress") ? "true" : "false"
        let swarm = try await NodeBootstrap.dockerCall(docker, "label the new Swarm node") {
            // A node that just joined may take a moment to be listed as ready.
            let deadline = ContinuousClock.now + .seconds(20)
            var current = try await docker.nodes.inspect(swarmNodeID)
            while current.status?.state != "ready", ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(250))
                current = try await docker.nodes.inspect(swarmNodeID)
            }
            try await docker.nodes.modify(swarmNodeID) { spec in
                spec.labels = (spec.labels ?? [:]).merging(labels) { _, new in new }
            }
            return try await docker.nodes.inspect(swarmNodeID)
        }
        node.apply(swarm)
        if let engineVersion, !engineVersion.isEmpty, node.engineVersion == nil { node.engineVersion = engineVersion }
        let reading = SwarmNodeReading.status(of: swarm, runningTasks: node.taskCount)
        node.status = reading?.status ?? NodeStatus.installing
        node.lastError = reading == nil ? "Swarm does not know the node's state yet; the next sync will tell." : reading?.problem
        if node.status == NodeStatus.ready { node.lastSeenAt = now }
        try await node.save(on: db)
        try await Activity.record("node.joined", on: db, request: nil, principal: nil, target: ("node", node.id!.uuidString),
                                  details: "name=\(node.name) swarm_node=\(swarmNodeID) location=\(location.slug)")
    }
}
