/// `EndpointSpec`: how a service is reached. The platform routes to task IPs,
/// so `dnsrr` is typical; ports matter for system services such as ingress.
public struct EndpointSpec: Codable, Sendable, Equatable {
    /// `"vip"` (default) or `"dnsrr"`.
    public var mode: String?
    public var ports: [PortConfig]?

    public init(mode: String? = nil, ports: [PortConfig]? = nil) {
        self.mode = mode
        self.ports = ports
    }

    enum CodingKeys: String, CodingKey {
        case mode = "Mode"
        case ports = "Ports"
    }
}
