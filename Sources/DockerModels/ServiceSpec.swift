/// A Swarm service's desired state, as sent to `POST /services/create` and
/// `/services/{id}/update`. Only what the platform uses is modelled; an
/// update replaces the whole spec, so fields missing here are dropped by a
/// read-modify-write. Every optional left `nil` is omitted from the JSON.
public struct ServiceSpec: Codable, Sendable, Equatable {
    public var name: String?
    public var labels: [String: String]?
    public var taskTemplate: TaskSpec
    public var mode: ServiceMode?
    public var updateConfig: UpdateConfig?
    public var rollbackConfig: UpdateConfig?
    public var endpointSpec: EndpointSpec?

    public init(
        name: String? = nil,
        labels: [String: String]? = nil,
        taskTemplate: TaskSpec,
        mode: ServiceMode? = nil,
        updateConfig: UpdateConfig? = nil,
        rollbackConfig: UpdateConfig? = nil,
        endpointSpec: EndpointSpec? = nil
    ) {
        self.name = name
        self.labels = labels
        self.taskTemplate = taskTemplate
        self.mode = mode
        self.updateConfig = updateConfig
        self.rollbackConfig = rollbackConfig
        self.endpointSpec = endpointSpec
    }

    enum CodingKeys: String, CodingKey {
        case name = "Name"
        case labels = "Labels"
        case taskTemplate = "TaskTemplate"
        case mode = "Mode"
        case updateConfig = "UpdateConfig"
        case rollbackConfig = "RollbackConfig"
        case endpointSpec = "EndpointSpec"
    }
}
