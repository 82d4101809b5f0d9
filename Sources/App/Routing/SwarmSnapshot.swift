import DockerEngine
import Foundation
import PaaSCore

/// Platform services and their tasks, read from Swarm at most four times a second however many
/// ingresses poll: the route table must follow task changes quickly, not hammer the manager.
actor SwarmSnapshot {
    struct Contents: Sendable {
        var services: [SwarmService]
        var tasks: [SwarmTask]

        /// Addresses of the running tasks of an app's `web` service on the given network.
        func webAddresses(appID: String, network: String) -> [String] {
            let ids = Set(services.filter { $0.spec.labels?[PlatformNames.appLabel] == appID && $0.spec.labels?[PlatformNames.processLabel] == "web" }.map(\.id))
            return tasks.filter { ids.contains($0.serviceID ?? "") && $0.isRunning && $0.desiredState == .running }
                .flatMap { $0.addresses(on: network) }
        }
    }

    private let maxAge: TimeInterval
    private var cached: (at: Date, contents: Contents)?
    private var inFlight: Task<Contents, any Error>?

    init(maxAge: TimeInterval = 0.25) {
        self.maxAge = maxAge
    }

    func current(_ docker: DockerClient) async throws -> Contents {
        if let cached, Date().timeIntervalSince(cached.at) < maxAge { return cached.contents }
        if let inFlight { return try await inFlight.value }
        let task = Task {
            let filter = DockerFilters.label("\(PlatformNames.managedLabel)=true")
            async let services = docker.services.list(filters: filter)
            async let tasks = docker.tasks.list(filters: DockerFilters().with("desired-state", "running"))
            return Contents(services: try await services, tasks: try await tasks)
        }
        inFlight = task
        defer { inFlight = nil }
        let contents = try await task.value
        cached = (Date(), contents)
        return contents
    }
}
