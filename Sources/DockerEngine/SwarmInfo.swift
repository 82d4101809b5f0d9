/// `GET /swarm` on a manager: the cluster and its join tokens.
public struct SwarmInfo: Decodable, Sendable, Equatable {
    public var id: String
    public var version: ObjectVersion?
    public var createdAt: String?
    public var joinTokens: JoinTokens
    public var defaultAddrPool: [String]?
    public var subnetSize: UInt32?

    enum CodingKeys: String, CodingKey {
        case id = "ID"
        case version = "Version"
        case createdAt = "CreatedAt"
        case joinTokens = "JoinTokens"
        case defaultAddrPool = "DefaultAddrPool"
        case subnetSize = "SubnetSize"
    }
}
