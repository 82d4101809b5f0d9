/// `GET /containers/{id}/json`, trimmed to state, labels, addresses and the runtime settings
/// the isolation checks read.
public struct ContainerDetails: Decodable, Sendable, Equatable {
    public struct State: Decodable, Sendable, Equatable {
        /// `created`, `running`, `paused`, `restarting`, `removing`, `exited` or `dead`.
        public var status: String?
        public var running: Bool?
        public var exitCode: Int?
        public var error: String?
        public var pid: Int?
        enum CodingKeys: String, CodingKey {
            case status = "Status", running = "Running", exitCode = "ExitCode", error = "Error", pid = "Pid"
        }
    }

    public struct Config: Decodable, Sendable, Equatable {
        public var image: String?
        public var labels: [String: String]?
        public var tty: Bool?
        public var env: [String]?
        public var cmd: [String]?
        enum CodingKeys: String, CodingKey { case image = "Image", labels = "Labels", tty = "Tty", env = "Env", cmd = "Cmd" }
    }

    /// What the engine actually applied: the red-team checks compare it with the hardened spec.
    public struct AppliedHostConfig: Decodable, Sendable, Equatable {
        public var networkMode: String?
        public var privileged: Bool?
        public var readonlyRootfs: Bool?
        public var capAdd: [String]?
        public var capDrop: [String]?
        public var memory: Int64?
        public var nanoCPUs: Int64?
        public var pidsLimit: Int64?
        public var initProcess: Bool?
        public var binds: [String]?
        public var portBindings: [String: [[String: String]]]?
        enum CodingKeys: String, CodingKey {
            case networkMode = "NetworkMode", privileged = "Privileged", readonlyRootfs = "ReadonlyRootfs"
            case capAdd = "CapAdd", capDrop = "CapDrop", memory = "Memory", nanoCPUs = "NanoCpus"
            case pidsLimit = "PidsLimit", initProcess = "Init", binds = "Binds", portBindings = "PortBindings"
        }
    }

    public struct MountPoint: Decodable, Sendable, Equatable {
        public var type: String?
        public var source: String?
        public var destination: String?
        enum CodingKeys: String, CodingKey { case type = "Type", source = "Source", destination = "Destination" }
    }

    public struct NetworkEndpoint: Decodable, Sendable, Equatable {
        public var networkID: String?
        public var ipAddress: String?
        public var aliases: [String]?
        enum CodingKeys: String, CodingKey { case networkID = "NetworkID", ipAddress = "IPAddress", aliases = "Aliases" }
    }

    public struct NetworkSettings: Decodable, Sendable, Equatable {
        /// Keyed by network name.
        public var networks: [String: NetworkEndpoint]?
        enum CodingKeys: String, CodingKey { case networks = "Networks" }
    }

    public var id: String
    /// With Docker's leading slash, e.g. `/traefik`.
    public var name: String?
    public var image: String?
    public var state: State?
    public var config: Config?
    public var networkSettings: NetworkSettings?
    public var hostConfig: AppliedHostConfig?
    public var mounts: [MountPoint]?

    enum CodingKeys: String, CodingKey {
        case id = "Id", name = "Name", image = "Image", state = "State"
        case config = "Config", networkSettings = "NetworkSettings", hostConfig = "HostConfig", mounts = "Mounts"
    }
}
