/// A Swarm secret's metadata; the engine never returns the data.
public struct SwarmSecret: Decodable, Sendable, Equatable {
    public var id: String
    public var version: ObjectVersion?
    public var name: String
    public var labels: [String: String]?
    public var createdAt: String?

    enum CodingKeys: String, CodingKey {
        case id = "ID", version = "Version", spec = "Spec", createdAt = "CreatedAt"
    }

    enum SpecKeys: String, CodingKey { case name = "Name", labels = "Labels" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        version = try c.decodeIfPresent(ObjectVersion.self, forKey: .version)
        createdAt = try c.decodeIfPresent(String.self, forKey: .createdAt)
        let spec = try c.nestedContainer(keyedBy: SpecKeys.self, forKey: .spec)
        name = try spec.decode(String.self, forKey: .name)
        labels = try spec.decodeIfPresent([String: String].self, forKey: .labels)
    }
}
