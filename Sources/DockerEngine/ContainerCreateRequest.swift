/// `POST /containers/create` for node-local work: build steps, one-off
/// helpers and system components outside Swarm.
public struct ContainerCreateRequest: Encodable, Sendable, Equatable {
    public var image: String
    public var cmd: [String]?
    public var entrypoint: [String]?
    public var env: [String]?
    public var labels: [String: String]?
    public var user: String?
    public var workingDir: String?
    public var tty: Bool?
    public var hostConfig: HostConfig?
    /// `"80/tcp"` → `{}`: the ports `HostConfig.portBindings` may publish.
    public var exposedPorts: [String: EmptyObject]?

    public struct EmptyObject: Encodable, Sendable, Equatable {
        public init() {}
    }

    public init(
        image: String,
        cmd: [String]? = nil,
        entrypoint: [String]? = nil,
        env: [String]? = nil,
        labels: [String: String]? = nil,
        user: String? = nil,
        workingDir: String? = nil,
        tty: Bool? = nil,
        hostConfig: HostConfig? = nil,
        exposedPorts: [String: EmptyObject]? = nil
    ) {
        self.image = image
        self.cmd = cmd
        self.entrypoint = entrypoint
        self.env = env
        self.labels = labels
        self.user = user
        self.workingDir = workingDir
        self.tty = tty
        self.hostConfig = hostConfig
        self.exposedPorts = exposedPorts
    }

    enum CodingKeys: String, CodingKey {
        case image = "Image"
        case cmd = "Cmd"
        case entrypoint = "Entrypoint"
        case env = "Env"
        case labels = "Labels"
        case user = "User"
        case workingDir = "WorkingDir"
        case tty = "Tty"
        case hostConfig = "HostConfig"
        case exposedPorts = "ExposedPorts"
    }
}
