import DockerEngine
import Fluent
import Foundation
import Vapor

/// Refreshes every node record that has a Swarm node ID from what Swarm reports: status, capacity,
/// engine version, last seen, running task count and allocated CPU/memory (the sum of the
/// reservations of the tasks running there). Meant to run periodically (the node-sync job); it
/// is idempotent and holds no state between runs.
///
/// When Docker itself is unreachable it throws and changes nothing: an outage of the manager is
/// not evidence that the workers are down.
struct NodeSync {
    struct Summary: Sendable, Equatable {
        /// Records looked at (those with a Swarm node ID that are not removed).
        var checked = 0
        var ready = 0
        var draining = 0
        var drained = 0
        var down = 0
        /// Names of nodes that went down in this run (were not down before): what an alert names.
        var wentDown: [String] = []
        /// Names of nodes whose Swarm node no longer exists.
        var vanished: [String] = []
    }

    let db: any Database
    let docker: DockerClient
    var now: @Sendable () -> Date = { Date() }

    func run() async throws -> Summary {
        let records = try await WorkerNode.query(on: db)
            .filter(\.$swarmNodeID != nil)
            .filter(\.$status != NodeStatus.removed)
            .all()
        var summary = Summary()
        guard !records.isEmpty else { return summary }

        let swarmNodes: [SwarmNode]
        let usage: [String: Usage]
        do {
            swarmNodes = try await docker.nodes.list()
            usage = try await currentUsage()
        } catch let error as DockerError {
            throw NodeBootstrap.describe(error, host: docker.host, doing: "list the Swarm's nodes")
        }
        let byID = Dictionary(swarmNodes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let timestamp = now()

        for record in records {
            guard let swarmID = record.swarmNodeID else { continue }
            summary.checked += 1
            let wasDown = record.status == NodeStatus.down
            let used = usage[swarmID] ?? Usage()
            record.taskCount = used.tasks
            record.cpuAllocatedMillis = SwarmNodeReading.cpuMillis(nanoCPUs: used.nanoCPUs)
            record.memoryAllocatedMB = SwarmNodeReading.megabytes(bytes: used.memoryBytes)

            if let swarm = byID[swarmID] {
                record.apply(swarm)
                if let reading = SwarmNodeReading.status(of: swarm, runningTasks: used.tasks) {
                    record.status = reading.status
                    record.lastError = reading.problem
                    if reading.status != NodeStatus.down { record.lastSeenAt = timestamp }
                }
            } else {
                record.status = NodeStatus.down
                record.lastError = "The Swarm node \(swarmID) no longer exists: it left the swarm or was removed."
                summary.vanished.append(record.name)
            }

            switch record.status {
            case NodeStatus.ready: summary.ready += 1
            case NodeStatus.draining: summary.draining += 1
            case NodeStatus.drained: summary.drained += 1
            case NodeStatus.down:
                summary.down += 1
                if !wasDown { summary.wentDown.append(record.name) }
            default: break
            }
            if record.hasChanges { try await record.save(on: db) }
        }
        return summary
    }

    struct Usage: Equatable {
        var tasks = 0
        var nanoCPUs: Int64 = 0
        var memoryBytes: Int64 = 0
    }

    /// Running tasks per Swarm node ID, with the reservations of their services.
    private func currentUsage() async throws -> [String: Usage] {
        let tasks = try await docker.tasks.list(filters: DockerFilters().with("desired-state", TaskState.running.rawValue))
            .filter { $0.isRunning && $0.nodeID != nil }
        guard !tasks.isEmpty else { return [:] }
        // The task objects carry their own spec, but the client reads the service's: the same
        // reservations except for the moments of a rolling update that changes them.
        let services = try await docker.services.list()
        let reservations = Dictionary(services.map { ($0.id, $0.spec.taskTemplate.resources?.reservations) },
                                      uniquingKeysWith: { first, _ in first })
        var usage: [String: Usage] = [:]
        for task in tasks {
            guard let nodeID = task.nodeID else { continue }
            let reserved = task.serviceID.flatMap { reservations[$0] } ?? nil
            usage[nodeID, default: Usage()].tasks += 1
            usage[nodeID, default: Usage()].nanoCPUs += reserved?.nanoCPUs ?? 0
            usage[nodeID, default: Usage()].memoryBytes += reserved?.memoryBytes ?? 0
        }
        return usage
    }
}
