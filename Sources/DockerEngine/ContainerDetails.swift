/// `GET /containers/{id}/json`, trimmed to state, labels and addresses.
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
        enum CodingKeys: String, CodingKey { case image = "Image", labels = "Labels", tty = "Tty" }
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

    enum CodingKeys: String, CodingKey {
        case id = "Id", name = "Name", image = "Image", state = "State"
        case config = "Config", networkSettings = "NetworkSettings"
    }
}
