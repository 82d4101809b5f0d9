/// `TaskTemplate`: what each task of a service runs and under which limits.
public struct TaskSpec: Codable, Sendable, Equatable {
    public var containerSpec: ContainerSpec?
    public var resources: ResourceRequirements?
    public var restartPolicy: RestartPolicy?
    public var placement: Placement?
    public var networks: [NetworkAttachmentConfig]?
    public var logDriver: LogDriver?
    /// Changing this counter redeploys tasks even when nothing else changed.
    public var forceUpdate: UInt64?

    public init(
        containerSpec: ContainerSpec? = nil,
        resources: ResourceRequirements? = nil,
        restartPolicy: RestartPolicy? = nil,
        placement: Placement? = nil,
        networks: [NetworkAttachmentConfig]? = nil,
        logDriver: LogDriver? = nil,
        forceUpdate: UInt64? = nil
    ) {
        self.containerSpec = containerSpec
        self.resources = resources
        self.restartPolicy = restartPolicy
        self.placement = placement
        self.networks = networks
        self.logDriver = logDriver
        self.forceUpdate = forceUpdate
    }

    enum CodingKeys: String, CodingKey {
        case containerSpec = "ContainerSpec"
        case resources = "Resources"
        case restartPolicy = "RestartPolicy"
        case placement = "Placement"
        case networks = "Networks"
        case logDriver = "LogDriver"
        case forceUpdate = "ForceUpdate"
    }
}
