/// A Swarm node: its spec plus what the node reports about itself.
public struct SwarmNode: Decodable, Sendable, Equatable {
    public struct Description: Decodable, Sendable, Equatable {
        public var hostname: String?
        public var platform: Platform?
        public var resources: ResourceLimit?
        public var engineVersion: String?

        public struct Platform: Decodable, Sendable, Equatable {
            public var architecture: String?
            public var os: String?
            enum CodingKeys: String, CodingKey { case architecture = "Architecture", os = "OS" }
        }

        struct Engine: Decodable, Sendable, Equatable {
            var engineVersion: String?
            enum CodingKeys: String, CodingKey { case engineVersion = "EngineVersion" }
        }

        enum CodingKeys: String, CodingKey {
            case hostname = "Hostname", platform = "Platform", resources = "Resources", engine = "Engine"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            hostname = try c.decodeIfPresent(String.self, forKey: .hostname)
            platform = try c.decodeIfPresent(Platform.self, forKey: .platform)
            resources = try c.decodeIfPresent(ResourceLimit.self, forKey: .resources)
            engineVersion = try c.decodeIfPresent(Engine.self, forKey: .engine)?.engineVersion
        }
    }

    public struct Status: Decodable, Sendable, Equatable {
        /// `unknown`, `down`, `ready` or `disconnected`.
        public var state: String?
        public var message: String?
        public var addr: String?
        enum CodingKeys: String, CodingKey { case state = "State", message = "Message", addr = "Addr" }
    }

    public struct ManagerStatus: Decodable, Sendable, Equatable {
        public var leader: Bool?
        public var reachability: String?
        public var addr: String?
        enum CodingKeys: String, CodingKey { case leader = "Leader", reachability = "Reachability", addr = "Addr" }
    }

    public var id: String
    public var version: ObjectVersion
    public var createdAt: String?
    public var updatedAt: String?
    public var spec: NodeSpec
    public var description: Description?
    public var status: Status?
    public var managerStatus: ManagerStatus?

    enum CodingKeys: String, CodingKey {
        case id = "ID"
        case version = "Version"
        case createdAt = "CreatedAt"
        case updatedAt = "UpdatedAt"
        case spec = "Spec"
        case description = "Description"
        case status = "Status"
        case managerStatus = "ManagerStatus"
    }
}
