/// One published port of a service (`EndpointSpec.Ports`).
public struct PortConfig: Codable, Sendable, Equatable {
    public var name: String?
    /// `"tcp"`, `"udp"` or `"sctp"`.
    public var `protocol`: String?
    public var targetPort: UInt32?
    public var publishedPort: UInt32?
    /// `"ingress"` (routing mesh) or `"host"`; only `host` works on the test machines.
    public var publishMode: String?

    public init(
        name: String? = nil,
        protocol: String? = nil,
        targetPort: UInt32? = nil,
        publishedPort: UInt32? = nil,
        publishMode: String? = nil
    ) {
        self.name = name
        self.protocol = `protocol`
        self.targetPort = targetPort
        self.publishedPort = publishedPort
        self.publishMode = publishMode
    }

    enum CodingKeys: String, CodingKey {
        case name = "Name"
        case `protocol` = "Protocol"
        case targetPort = "TargetPort"
        case publishedPort = "PublishedPort"
        case publishMode = "PublishMode"
    }
}
