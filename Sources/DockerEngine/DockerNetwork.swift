/// A network as the engine reports it. Note Docker spells these keys `Id`
/// and `Name`, unlike Swarm objects' `ID`.
public struct DockerNetwork: Decodable, Sendable, Equatable {
    /// A container attached on this node (swarm tasks included).
    public struct Endpoint: Decodable, Sendable, Equatable {
        public var name: String?
        public var ipv4Address: String?
        enum CodingKeys: String, CodingKey { case name = "Name", ipv4Address = "IPv4Address" }
    }

    public var id: String
    public var name: String
    public var driver: String?
    /// `local` or `swarm`.
    public var scope: String?
    public var attachable: Bool?
    public var `internal`: Bool?
    public var options: [String: String]?
    public var labels: [String: String]?
    /// Keyed by container ID; only filled by inspect.
    public var containers: [String: Endpoint]?
    public var createdAt: String?
    public var ipam: IPAM?

    public struct IPAM: Decodable, Sendable, Equatable {
        public struct Pool: Decodable, Sendable, Equatable {
            public var subnet: String?
            public var gateway: String?
            enum CodingKeys: String, CodingKey { case subnet = "Subnet", gateway = "Gateway" }
        }
        public var config: [Pool]?
        enum CodingKeys: String, CodingKey { case config = "Config" }
    }

    public var isEncrypted: Bool { options?["encrypted"] != nil }

    /// The first pool's gateway: on the default bridge, the host as containers see it.
    public var gateway: String? { ipam?.config?.compactMap(\.gateway).first }

    enum CodingKeys: String, CodingKey {
        case id = "Id"
        case name = "Name"
        case driver = "Driver"
        case scope = "Scope"
        case attachable = "Attachable"
        case `internal` = "Internal"
        case options = "Options"
        case labels = "Labels"
        case containers = "Containers"
        case createdAt = "Created"
        case ipam = "IPAM"
    }
}
