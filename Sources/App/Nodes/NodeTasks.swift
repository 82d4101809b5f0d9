import DockerEngine
import Foundation

/// What runs on one node, for its page: the service each task belongs to and its state.
struct NodeTaskRow: Sendable {
    let service: String
    let slot: Int?
    let state: String
    let since: String?
}

enum NodeTasks {
    /// Running tasks on a Swarm node; nil when Docker cannot say (the page shows that instead).
    static func rows(on swarmID: String?, docker: DockerClient) async -> [NodeTaskRow]? {
        guard let swarmID else { return [] }
        do {
            let tasks = try await docker.tasks.list(filters: DockerFilters().with("node", swarmID).with("desired-state", "running"))
            let services = try await docker.services.list()
            let names = Dictionary(services.map { ($0.id, $0.spec.name ?? $0.id) }, uniquingKeysWith: { first, _ in first })
            return tasks.map { task in
                NodeTaskRow(service: task.serviceID.flatMap { names[$0] } ?? "—", slot: task.slot,
                            state: task.status?.state.map { "\($0.rawValue)" } ?? "unknown", since: task.status?.timestamp)
            }.sorted { ($0.service, $0.slot ?? 0) < ($1.service, $1.slot ?? 0) }
        } catch {
            return nil
        }
    }
}
