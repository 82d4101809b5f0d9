/// A service as the engine reports it.
public struct SwarmService: Decodable, Sendable, Equatable {
    public struct VirtualIP: Decodable, Sendable, Equatable {
        public var networkID: String?
        public var addr: String?
        enum CodingKeys: String, CodingKey { case networkID = "NetworkID", addr = "Addr" }
    }

    public struct Endpoint: Decodable, Sendable, Equatable {
        public var ports: [PortConfig]?
        public var virtualIPs: [VirtualIP]?
        enum CodingKeys: String, CodingKey { case ports = "Ports", virtualIPs = "VirtualIPs" }
    }

    /// Progress of the latest rolling update: `updating`, `completed`,
    /// `paused`, `rollback_started`, `rollback_completed`, ...
    public struct UpdateStatus: Decodable, Sendable, Equatable {
        public var state: String?
        public var message: String?
        enum CodingKeys: String, CodingKey { case state = "State", message = "Message" }
    }

    /// Only filled by `list(status: true)`.
    public struct Status: Decodable, Sendable, Equatable {
        public var runningTasks: UInt64?
        public var desiredTasks: UInt64?
        enum CodingKeys: String, CodingKey { case runningTasks = "RunningTasks", desiredTasks = "DesiredTasks" }
    }

    public var id: String
    public var version: ObjectVersion
    public var createdAt: String?
    public var updatedAt: String?
    public var spec: ServiceSpec
    public var previousSpec: ServiceSpec?
    public var endpoint: Endpoint?
    public var updateStatus: UpdateStatus?
    public var serviceStatus: Status?

    enum CodingKeys: String, CodingKey {
        case id = "ID"
        case version = "Version"
        case createdAt = "CreatedAt"
        case updatedAt = "UpdatedAt"
        case spec = "Spec"
        case previousSpec = "PreviousSpec"
        case endpoint = "Endpoint"
        case updateStatus = "UpdateStatus"
        case serviceStatus = "ServiceStatus"
    }
}
