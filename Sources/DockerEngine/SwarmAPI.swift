/// The cluster itself. Most calls need a manager; elsewhere they answer 503.
public struct SwarmAPI: Sendable {
    let client: DockerClient

    public func inspect() async throws -> SwarmInfo {
        try await client.json(DockerRequest(.GET, "/swarm"))
    }

    /// Makes this engine the first manager. Returns the new node's ID.
    /// On a node already in a swarm the engine answers 503.
    @discardableResult
    public func initialize(_ request: SwarmInitRequest) async throws -> String {
        var call = DockerRequest(.POST, "/swarm/init")
        try call.jsonBody(request)
        return try await client.json(call, as: String.self)
    }

    public func join(_ request: SwarmJoinRequest) async throws {
        var call = DockerRequest(.POST, "/swarm/join")
        try call.jsonBody(request)
        call.timeout = .seconds(60)
        try await client.send(call)
    }

    public func leave(force: Bool = false) async throws {
        var call = DockerRequest(.POST, "/swarm/leave", query: [("force", force ? "1" : nil)])
        call.timeout = .seconds(30)
        try await client.send(call)
    }

    public func joinTokens() async throws -> JoinTokens {
        try await inspect().joinTokens
    }
}
