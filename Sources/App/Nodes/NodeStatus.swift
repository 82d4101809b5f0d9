import DockerEngine
import Foundation

/// A node's lifecycle: `pending → installing → ready → draining → drained → down → removed`.
enum NodeStatus {
    static let pending = "pending"
    static let installing = "installing"
    static let ready = "ready"
    static let draining = "draining"
    static let drained = "drained"
    static let down = "down"
    static let removed = "removed"
}

/// The labels the platform puts on a Swarm node. Services are placed with
/// `node.labels.paas.location==<slug>`; `paas.node` ties the node to its record.
enum NodeLabels {
    static let location = "paas.location"
    static let node = "paas.node"
    static let ingress = "paas.ingress"
}

/// What Swarm says about one node, read into the fields of its record.
enum SwarmNodeReading {
    /// The record status for a Swarm node with `runningTasks` tasks running on it, and the
    /// problem to show when it is not healthy. `nil` when Swarm does not know yet (state
    /// `unknown`, e.g. just after a manager restart): keep what the record says.
    static func status(of node: SwarmNode, runningTasks: Int) -> (status: String, problem: String?)? {
        let state = node.status?.state ?? "unknown"
        switch state {
        case "ready":
            if node.spec.availability == NodeSpec.drain {
                return (runningTasks > 0 ? NodeStatus.draining : NodeStatus.drained, nil)
            }
            return (NodeStatus.ready, nil)
        case "unknown":
            return nil
        default:
            let detail = node.status?.message.flatMap { $0.isEmpty ? nil : $0 }
            return (NodeStatus.down, "Swarm reports the node \(state)" + (detail.map { ": \($0)" } ?? "."))
        }
    }

    static func cpuMillis(nanoCPUs: Int64?) -> Int64 { (nanoCPUs ?? 0) / 1_000_000 }
    static func megabytes(bytes: Int64?) -> Int64 { (bytes ?? 0) / (1024 * 1024) }
}

extension WorkerNode {
    /// Copies what the node reports about itself: host, engine, platform and capacity.
    func apply(_ swarm: SwarmNode) {
        swarmNodeID = swarm.id
        if let hostname = swarm.description?.hostname, !hostname.isEmpty { self.hostname = hostname }
        if let engine = swarm.description?.engineVersion { engineVersion = engine }
        if let platform = swarm.description?.platform {
            os = platform.os ?? os
            architecture = platform.architecture ?? architecture
        }
        if let resources = swarm.description?.resources {
            cpuCapacityMillis = SwarmNodeReading.cpuMillis(nanoCPUs: resources.nanoCPUs)
            memoryCapacityMB = SwarmNodeReading.megabytes(bytes: resources.memoryBytes)
        }
    }

    var roleList: [String] { roles.split(separator: ",").map { String($0) } }
}
