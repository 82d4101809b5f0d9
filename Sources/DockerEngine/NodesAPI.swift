/// Swarm nodes: capacity, health, labels, drain and removal.
public struct NodesAPI: Sendable {
    let client: DockerClient

    public func list(filters: DockerFilters = DockerFilters()) async throws -> [SwarmNode] {
        try await client.json(DockerRequest(.GET, "/nodes", query: [("filters", filters.queryValue)]))
    }

    public func inspect(_ id: String) async throws -> SwarmNode {
        try await client.json(DockerRequest(.GET, "/nodes/\(DockerRequest.segment(id))"))
    }

    /// Replaces the node's whole spec; `version` must be the one just read.
    public func update(_ id: String, version: ObjectVersion, spec: NodeSpec) async throws {
        var request = DockerRequest(.POST, "/nodes/\(DockerRequest.segment(id))/update",
                                    query: [("version", String(version.index))])
        try request.jsonBody(spec)
        try await client.send(request)
    }

    /// Reads the node, applies `change` and writes it back, starting over when
    /// someone else updated it in between. Returns the spec that was written.
    @discardableResult
    public func modify(
        _ id: String,
        maxAttempts: Int = 5,
        _ change: (inout NodeSpec) async throws -> Void
    ) async throws -> NodeSpec {
        try await OutOfSequenceRetry.run(maxAttempts: maxAttempts) {
            let node = try await inspect(id)
            var spec = node.spec
            try await change(&spec)
            try await update(node.id, version: node.version, spec: spec)
            return spec
        }
    }

    /// `force` removes a node that is still up or still a manager.
    public func remove(_ id: String, force: Bool = false) async throws {
        try await client.send(DockerRequest(.DELETE, "/nodes/\(DockerRequest.segment(id))",
                                            query: [("force", force ? "1" : nil)]))
    }
}
