/// The container-side limits and attachments of `ContainerCreateRequest`.
public struct HostConfig: Encodable, Sendable, Equatable {
    /// `bridge`, `none`, or a network name.
    public var networkMode: String?
    public var autoRemove: Bool?
    public var binds: [String]?
    /// Path → mount options, e.g. `["/tmp": "rw,size=64m"]`.
    public var tmpfs: [String: String]?
    public var memory: Int64?
    public var nanoCPUs: Int64?
    public var pidsLimit: Int64?
    public var readonlyRootfs: Bool?
    public var capAdd: [String]?
    public var capDrop: [String]?
    public var securityOpt: [String]?
    public var initProcess: Bool?
    /// `"80/tcp"` → where the host publishes it. Only platform containers (the ingress) publish.
    public var portBindings: [String: [PortBinding]]?
    public var restartPolicy: ContainerRestartPolicy?

    public struct PortBinding: Encodable, Sendable, Equatable {
        public var hostIP: String?
        public var hostPort: String
        public init(hostIP: String? = nil, hostPort: String) {
            self.hostIP = hostIP
            self.hostPort = hostPort
        }
        enum CodingKeys: String, CodingKey { case hostIP = "HostIp", hostPort = "HostPort" }
    }

    public struct ContainerRestartPolicy: Encodable, Sendable, Equatable {
        /// `no`, `always`, `unless-stopped`, `on-failure`.
        public var name: String
        public init(name: String) { self.name = name }
        enum CodingKeys: String, CodingKey { case name = "Name" }
    }

    public init(
        networkMode: String? = nil,
        autoRemove: Bool? = nil,
        binds: [String]? = nil,
        tmpfs: [String: String]? = nil,
        memory: Int64? = nil,
        nanoCPUs: Int64? = nil,
        pidsLimit: Int64? = nil,
        readonlyRootfs: Bool? = nil,
        capAdd: [String]? = nil,
        capDrop: [String]? = nil,
        securityOpt: [String]? = nil,
        initProcess: Bool? = nil,
        portBindings: [String: [PortBinding]]? = nil,
        restartPolicy: ContainerRestartPolicy? = nil
    ) {
        self.networkMode = networkMode
        self.autoRemove = autoRemove
        self.binds = binds
        self.tmpfs = tmpfs
        self.memory = memory
        self.nanoCPUs = nanoCPUs
        self.pidsLimit = pidsLimit
        self.readonlyRootfs = readonlyRootfs
        self.capAdd = capAdd
        self.capDrop = capDrop
        self.securityOpt = securityOpt
        self.initProcess = initProcess
        self.portBindings = portBindings
        self.restartPolicy = restartPolicy
    }

    enum CodingKeys: String, CodingKey {
        case networkMode = "NetworkMode"
        case autoRemove = "AutoRemove"
        case binds = "Binds"
        case tmpfs = "Tmpfs"
        case memory = "Memory"
        // Containers spell it NanoCpus, services NanoCPUs.
        case nanoCPUs = "NanoCpus"
        case pidsLimit = "PidsLimit"
        case readonlyRootfs = "ReadonlyRootfs"
        case capAdd = "CapAdd"
        case capDrop = "CapDrop"
        case securityOpt = "SecurityOpt"
        case initProcess = "Init"
        case portBindings = "PortBindings"
        case restartPolicy = "RestartPolicy"
    }
}
