/// The writable part of a node: labels (placement uses `node.labels.X`),
/// role and availability.
public struct NodeSpec: Codable, Sendable, Equatable {
    public var name: String?
    public var labels: [String: String]?
    /// `"worker"` or `"manager"`.
    public var role: String?
    /// `"active"`, `"pause"` (no new tasks) or `"drain"` (move tasks away).
    public var availability: String?

    public static let active = "active"
    public static let pause = "pause"
    public static let drain = "drain"

    public init(name: String? = nil, labels: [String: String]? = nil, role: String? = nil, availability: String? = nil) {
        self.name = name
        self.labels = labels
        self.role = role
        self.availability = availability
    }

    enum CodingKeys: String, CodingKey {
        case name = "Name"
        case labels = "Labels"
        case role = "Role"
        case availability = "Availability"
    }
}
