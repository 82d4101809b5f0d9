/// Networks: the per-organisation overlays and live attachment of the router.
public struct NetworksAPI: Sendable {
    let client: DockerClient

    /// Returns the new network's ID. A taken name answers `conflict`.
    @discardableResult
    public func create(_ request: NetworkCreateRequest) async throws -> String {
        var call = DockerRequest(.POST, "/networks/create")
        try call.jsonBody(request)
        struct Answer: Decodable { var Id: String }
        return try await client.json(call, as: Answer.self).Id
    }

    public func inspect(_ idOrName: String) async throws -> DockerNetwork {
        try await client.json(DockerRequest(.GET, "/networks/\(DockerRequest.segment(idOrName))"))
    }

    /// Note the engine's `name` filter matches substrings.
    public func list(filters: DockerFilters = DockerFilters()) async throws -> [DockerNetwork] {
        try await client.json(DockerRequest(.GET, "/networks", query: [("filters", filters.queryValue)]))
    }

    /// Attaches a running container (e.g. Traefik) without restarting it.
    public func connect(_ network: String, container: String, aliases: [String]? = nil) async throws {
        var request = DockerRequest(.POST, "/networks/\(DockerRequest.segment(network))/connect")
        try request.jsonBody(ConnectBody(container: container, endpointConfig: aliases.map { .init(aliases: $0) }))
        try await client.send(request)
    }

    public func disconnect(_ network: String, container: String, force: Bool = false) async throws {
        var request = DockerRequest(.POST, "/networks/\(DockerRequest.segment(network))/disconnect")
        try request.jsonBody(DisconnectBody(container: container, force: force))
        try await client.send(request)
    }

    /// Fails with `conflict`-like errors while tasks or containers still use it.
    public func remove(_ idOrName: String) async throws {
        try await client.send(DockerRequest(.DELETE, "/networks/\(DockerRequest.segment(idOrName))"))
    }

    private struct ConnectBody: Encodable {
        struct EndpointConfig: Encodable {
            var aliases: [String]
            enum CodingKeys: String, CodingKey { case aliases = "Aliases" }
        }
        var container: String
        var endpointConfig: EndpointConfig?
        enum CodingKeys: String, CodingKey { case container = "Container", endpointConfig = "EndpointConfig" }
    }

    private struct DisconnectBody: Encodable {
        var container: String
        var force: Bool
        enum CodingKeys: String, CodingKey { case container = "Container", force = "Force" }
    }
}
