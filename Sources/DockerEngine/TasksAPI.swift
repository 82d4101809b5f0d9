/// Tasks: where each replica runs, in which state, at which addresses.
public struct TasksAPI: Sendable {
    let client: DockerClient

    /// Filters: `service`, `node`, `desired-state`, `name`, `id`, and `label`,
    /// which matches the labels of the task's *service*, not its container's.
    public func list(filters: DockerFilters = DockerFilters()) async throws -> [SwarmTask] {
        try await client.json(DockerRequest(.GET, "/tasks", query: [("filters", filters.queryValue)]))
    }

    /// A service's tasks, by service ID or name; `desiredState: .running`
    /// leaves out the history of replaced and failed tasks.
    public func list(service: String, desiredState: TaskState? = nil) async throws -> [SwarmTask] {
        var filters = DockerFilters().with("service", service)
        if let desiredState { filters.add("desired-state", desiredState.rawValue) }
        return try await list(filters: filters)
    }

    public func inspect(_ id: String) async throws -> SwarmTask {
        try await client.json(DockerRequest(.GET, "/tasks/\(DockerRequest.segment(id))"))
    }
}
