import Foundation

/// Swarm secrets: encrypted in the Raft log and mounted only into the tasks
/// that reference them.
public struct SecretsAPI: Sendable {
    let client: DockerClient

    /// Returns the new secret's ID. Secrets are immutable: to change one,
    /// create a new name and point the service at it.
    @discardableResult
    public func create(name: String, data: Data, labels: [String: String]? = nil) async throws -> String {
        struct Body: Encodable {
            var name: String
            var labels: [String: String]?
            var data: String
            enum CodingKeys: String, CodingKey { case name = "Name", labels = "Labels", data = "Data" }
        }
        var request = DockerRequest(.POST, "/secrets/create")
        try request.jsonBody(Body(name: name, labels: labels, data: data.base64EncodedString()))
        struct Answer: Decodable { var ID: String }
        return try await client.json(request, as: Answer.self).ID
    }

    public func inspect(_ idOrName: String) async throws -> SwarmSecret {
        try await client.json(DockerRequest(.GET, "/secrets/\(DockerRequest.segment(idOrName))"))
    }

    public func list(filters: DockerFilters = DockerFilters()) async throws -> [SwarmSecret] {
        try await client.json(DockerRequest(.GET, "/secrets", query: [("filters", filters.queryValue)]))
    }

    public func remove(_ idOrName: String) async throws {
        try await client.send(DockerRequest(.DELETE, "/secrets/\(DockerRequest.segment(idOrName))"))
    }
}
