import DockerEngine
import Foundation
import PaaSCore

/// Waits until every process of a release runs on Swarm, healthy: a task with a health check only
/// reaches `running` once the check passes, so "running with the new release's label" is the
/// signal. Swarm's own rollback (failure action of the start-first update) ends the wait early.
struct RolloutWatcher {
    let docker: DockerClient
    let timeoutSeconds: Int
    let log: (String) async -> Void

    /// A task of the new release in one of these never served it.
    static let stoppedStates: Set<TaskState> = [.failed, .rejected, .complete]
    static let stoppedTasksLimit = 3

    struct NeverHealthy: Error {
        let message: String
    }

    func wait(for processes: [ProcessDeployment]) async throws {
        let deadline = Date().addingTimeInterval(TimeInterval(timeoutSeconds))
        var pending = processes.filter { $0.quantity > 0 }
        var lastError: [String: String] = [:]
        while !pending.isEmpty {
            try Task.checkCancellation()
            var stillPending: [ProcessDeployment] = []
            for process in pending {
                let name = PlatformNames.service(organizationID: process.organizationID, appName: process.appName, processType: process.processType)
                let service = try await docker.services.inspect(name)
                if let state = service.updateStatus?.state, state.hasPrefix("rollback") || state == "paused" {
                    throw NeverHealthy(message: "Swarm rolled \(process.processType) back: \(service.updateStatus?.message ?? state)"
                                       + (lastError[process.processType].map { " (last task error: \($0))" } ?? ""))
                }
                let tasks = try await docker.tasks.list(service: name)
                let release = String(process.releaseVersion)
                let ours = tasks.filter { $0.spec?.containerSpec?.labels?[PlatformNames.releaseLabel] == release }
                let stopped = ours.filter { $0.state.map(Self.stoppedStates.contains) ?? false }
                if let failed = stopped.last {
                    lastError[process.processType] = failed.status?.err ?? failed.status?.message ?? "exited"
                }
                let healthy = ours.filter { $0.isRunning && $0.desiredState == .running }.count
                if healthy >= process.quantity {
                    await log("       \(process.processType): \(healthy) of \(process.quantity) running and healthy")
                } else if stopped.count >= Self.stoppedTasksLimit {
                    // A first release has nothing for Swarm to roll back to, so its tasks would be
                    // restarted until the deadline; a few that could not start say enough.
                    throw NeverHealthy(message: "The release never became healthy: \(process.processType) stopped \(stopped.count) times"
                                       + " before it was (last: \(lastError[process.processType] ?? "exited")). Check the image and its command.")
                } else {
                    stillPending.append(process)
                }
            }
            pending = stillPending
            if pending.isEmpty { return }
            if Date() > deadline {
                let details = pending.map { p in "\(p.processType)" + (lastError[p.processType].map { " (\($0))" } ?? "") }
                throw NeverHealthy(message: "The release never became healthy within \(timeoutSeconds) s: \(details.joined(separator: ", ")). "
                                   + "Check that the web process listens on $PORT.")
            }
            try await Task.sleep(for: .milliseconds(500))
        }
    }
}
