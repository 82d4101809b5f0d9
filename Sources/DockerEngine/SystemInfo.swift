/// `GET /info`, trimmed to what the platform reads: capacity, Swarm membership, and what a
/// build's sandbox stands on (the default runtime and the cgroup driver).
public struct SystemInfo: Decodable, Sendable, Equatable {
    public struct SwarmState: Decodable, Sendable, Equatable {
        public var nodeID: String?
        public var nodeAddr: String?
        /// `inactive`, `pending`, `active`, `error` or `locked`.
        public var localNodeState: String?
        public var controlAvailable: Bool?
        public var error: String?

        enum CodingKeys: String, CodingKey {
            case nodeID = "NodeID"
            case nodeAddr = "NodeAddr"
            case localNodeState = "LocalNodeState"
            case controlAvailable = "ControlAvailable"
            case error = "Error"
        }
    }

    public var id: String?
    public var name: String?
    public var serverVersion: String?
    public var cpus: Int?
    public var memoryBytes: Int64?
    public var containers: Int?
    public var containersRunning: Int?
    public var images: Int?
    public var operatingSystem: String?
    public var swarm: SwarmState?
    public var defaultRuntime: String?
    public var cgroupDriver: String?

    enum CodingKeys: String, CodingKey {
        case id = "ID"
        case name = "Name"
        case serverVersion = "ServerVersion"
        case cpus = "NCPU"
        case memoryBytes = "MemTotal"
        case containers = "Containers"
        case containersRunning = "ContainersRunning"
        case images = "Images"
        case operatingSystem = "OperatingSystem"
        case swarm = "Swarm"
        case defaultRuntime = "DefaultRuntime"
        case cgroupDriver = "CgroupDriver"
    }
}
