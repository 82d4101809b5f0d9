/// `Resources`: limits are enforced by the kernel; reservations only steer scheduling.
public struct ResourceRequirements: Codable, Sendable, Equatable {
    public var limits: ResourceLimit?
    public var reservations: ResourceLimit?

    public init(limits: ResourceLimit? = nil, reservations: ResourceLimit? = nil) {
        self.limits = limits
        self.reservations = reservations
    }

    enum CodingKeys: String, CodingKey {
        case limits = "Limits"
        case reservations = "Reservations"
    }
}
