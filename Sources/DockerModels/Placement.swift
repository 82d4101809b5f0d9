/// Where tasks may run, e.g. `["node.labels.paas.location==fra1"]`.
public struct Placement: Codable, Sendable, Equatable {
    public var constraints: [String]?
    /// Upper bound of this service's tasks on any one node (0 = unlimited).
    public var maxReplicas: UInt64?

    public init(constraints: [String]? = nil, maxReplicas: UInt64? = nil) {
        self.constraints = constraints
        self.maxReplicas = maxReplicas
    }

    enum CodingKeys: String, CodingKey {
        case constraints = "Constraints"
        case maxReplicas = "MaxReplicas"
    }
}
