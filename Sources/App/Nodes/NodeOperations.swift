import DockerEngine
import Fluent
import Foundation
import PaaSCore
import Vapor

/// Drain, reactivate and remove: what an admin does to shrink the cluster. Swarm moves the tasks;
/// the record follows what Swarm reports.
struct NodeOperations {
    let app: Application
    let db: any Database
    var now: Date = Date()

    private var docker: DockerClient { app.docker }

    /// Sets the Swarm node to drain and, with `wait`, follows the tasks moving off it for that long.
    func drain(_ node: WorkerNode, wait: Duration = .zero) async throws {
        guard NodeLifecycle.canDrain(node.status) || node.status == NodeStatus.drained else {
            throw AppError.conflict("node_not_drainable", "\(node.name) is \(node.status); only a ready or down node can be drained.")
        }
        let swarmID = try joined(node)
        try await NodeBootstrap.dockerCall(docker, "drain the node") {
            _ = try await docker.nodes.modify(swarmID) { $0.availability = NodeSpec.drain }
        }
        if node.drainStartedAt == nil {
            node.drainStartedTasks = try await runningTasks(on: swarmID)
            node.drainStartedAt = now
        }
        try await follow(node, swarmID: swarmID, for: wait)
    }

    /// Puts a drained node back to work.
    func activate(_ node: WorkerNode) async throws {
        guard NodeLifecycle.canActivate(node.status) else {
            throw AppError.conflict("node_not_drained", "\(node.name) is \(node.status); only a draining or drained node can be put back.")
        }
        let swarmID = try joined(node)
        try await NodeBootstrap.dockerCall(docker, "activate the node") {
            _ = try await docker.nodes.modify(swarmID) { $0.availability = NodeSpec.active }
        }
        node.drainStartedTasks = nil
        node.drainStartedAt = nil
        node.status = NodeStatus.ready
        try await node.save(on: db)
    }

    /// Tells the node to leave the Swarm over its own API, removes it from the Swarm and marks the
    /// record removed. Running tasks make this a refusal unless forced; then Swarm reschedules them
    /// on the location's other nodes. A node that cannot be reached is still removed, and the
    /// record says what to run on it.
    func remove(_ node: WorkerNode, force: Bool) async throws {
        var running = 0
        if let swarmID = node.swarmNodeID, try await inSwarm(swarmID) { running = try await runningTasks(on: swarmID) }
        if let refusal = NodeLifecycle.removalRefusal(status: node.status, runningTasks: running, force: force) {
            throw AppError.conflict("node_busy", refusal)
        }
        if let swarmID = node.swarmNodeID {
            let info = try await NodeBootstrap.dockerCall(docker, "read the engine") { try await docker.system.info() }
            if info.swarm?.nodeID == swarmID {
                throw AppError.conflict("node_is_manager", "\(node.name) is the Swarm manager the control plane runs on; it cannot be removed.")
            }
            if !force {
                try await NodeBootstrap.dockerCall(docker, "drain the node") {
                    do { _ = try await docker.nodes.modify(swarmID) { $0.availability = NodeSpec.drain } } catch let error as DockerError where error.isNotFound {}
                }
            }
            let notLeft = await NodeDockerAPI.leaveSwarm(node, removing: try await NodeIngress.containers(on: node, db: db), app: app)
            try await NodeIngress.forget(node, db: db)
            node.lastError = notLeft.map { "Removed from the Swarm without the node leaving: \($0). On the server, run `docker swarm leave --force`." }
            try await NodeBootstrap.dockerCall(docker, "remove the node from the Swarm") {
                do {
                    try await docker.nodes.remove(swarmID, force: true)
                } catch let error as DockerError where error.isNotFound {
                    // Already gone from the Swarm: removing the record is all that is left.
                }
            }
        }
        node.status = NodeStatus.removed
        node.swarmNodeID = nil
        node.registrationTokenHash = nil
        node.registrationTokenSealed = nil
        node.scriptTokenHash = nil
        node.taskCount = 0
        try await node.save(on: db)
    }

    private func follow(_ node: WorkerNode, swarmID: String, for wait: Duration) async throws {
        let deadline = ContinuousClock.now + wait
        while true {
            node.taskCount = try await runningTasks(on: swarmID)
            node.status = node.taskCount == 0 ? NodeStatus.drained : NodeStatus.draining
            try await node.save(on: db)
            if node.taskCount == 0 || ContinuousClock.now >= deadline { return }
            try await Task.sleep(for: .milliseconds(500))
        }
    }

    private func joined(_ node: WorkerNode) throws -> String {
        guard let swarmID = node.swarmNodeID else {
            throw AppError.conflict("node_not_joined", "\(node.name) has not joined the Swarm yet, so there is nothing to drain.")
        }
        return swarmID
    }

    /// Swarm may have forgotten a node that was down long enough, or removed by hand.
    private func inSwarm(_ swarmID: String) async throws -> Bool {
        try await NodeBootstrap.dockerCall(docker, "read the Swarm node") {
            do {
                _ = try await docker.nodes.inspect(swarmID)
                return true
            } catch let error as DockerError where error.isNotFound {
                return false
            }
        }
    }

    private func runningTasks(on swarmID: String) async throws -> Int {
        try await NodeBootstrap.dockerCall(docker, "list the node's tasks") {
            try await docker.tasks.list(filters: DockerFilters().with("node", swarmID).with("desired-state", "running"))
                .filter(\.isRunning).count
        }
    }
}
