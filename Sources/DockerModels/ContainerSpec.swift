/// `TaskTemplate.ContainerSpec`. Durations are nanoseconds.
public struct ContainerSpec: Codable, Sendable, Equatable {
    public var image: String
    public var labels: [String: String]?
    /// Replaces the image's entrypoint.
    public var command: [String]?
    /// Replaces the image's CMD.
    public var args: [String]?
    public var hostname: String?
    /// `KEY=value` entries.
    public var env: [String]?
    /// Working directory (`Dir`).
    public var dir: String?
    public var user: String?
    public var readOnly: Bool?
    public var mounts: [Mount]?
    public var stopGracePeriod: Int64?
    public var stopSignal: String?
    public var healthcheck: HealthConfig?
    public var hosts: [String]?
    public var secrets: [SecretReference]?
    /// Docker's `Init`: run a tiny init as PID 1 to reap zombies and forward signals.
    public var initProcess: Bool?
    public var sysctls: [String: String]?
    public var capabilityAdd: [String]?
    public var capabilityDrop: [String]?
    public var ulimits: [Ulimit]?

    public init(
        image: String,
        labels: [String: String]? = nil,
        command: [String]? = nil,
        args: [String]? = nil,
        hostname: String? = nil,
        env: [String]? = nil,
        dir: String? = nil,
        user: String? = nil,
        readOnly: Bool? = nil,
        mounts: [Mount]? = nil,
        stopGracePeriod: Int64? = nil,
        stopSignal: String? = nil,
        healthcheck: HealthConfig? = nil,
        hosts: [String]? = nil,
        secrets: [SecretReference]? = nil,
        initProcess: Bool? = nil,
        sysctls: [String: String]? = nil,
        capabilityAdd: [String]? = nil,
        capabilityDrop: [String]? = nil,
        ulimits: [Ulimit]? = nil
    ) {
        self.image = image
        self.labels = labels
        self.command = command
        self.args = args
        self.hostname = hostname
        self.env = env
        self.dir = dir
        self.user = user
        self.readOnly = readOnly
        self.mounts = mounts
        self.stopGracePeriod = stopGracePeriod
        self.stopSignal = stopSignal
        self.healthcheck = healthcheck
        self.hosts = hosts
        self.secrets = secrets
        self.initProcess = initProcess
        self.sysctls = sysctls
        self.capabilityAdd = capabilityAdd
        self.capabilityDrop = capabilityDrop
        self.ulimits = ulimits
    }

    enum CodingKeys: String, CodingKey {
        case image = "Image"
        case labels = "Labels"
        case command = "Command"
        case args = "Args"
        case hostname = "Hostname"
        case env = "Env"
        case dir = "Dir"
        case user = "User"
        case readOnly = "ReadOnly"
        case mounts = "Mounts"
        case stopGracePeriod = "StopGracePeriod"
        case stopSignal = "StopSignal"
        case healthcheck = "Healthcheck"
        case hosts = "Hosts"
        case secrets = "Secrets"
        case initProcess = "Init"
        case sysctls = "Sysctls"
        case capabilityAdd = "CapabilityAdd"
        case capabilityDrop = "CapabilityDrop"
        case ulimits = "Ulimits"
    }
}
