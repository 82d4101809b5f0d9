/// `POST /networks/create`. Each organisation gets one encrypted, attachable
/// overlay: encrypted so tenants on shared nodes cannot sniff VXLAN traffic,
/// attachable so Traefik's container can be connected live.
public struct NetworkCreateRequest: Encodable, Sendable, Equatable {
    public var name: String
    public var driver: String?
    public var attachable: Bool?
    /// No route out of the network at all.
    public var `internal`: Bool?
    public var labels: [String: String]?
    public var options: [String: String]?
    public var checkDuplicate: Bool?

    public init(
        name: String,
        driver: String? = nil,
        attachable: Bool? = nil,
        internal: Bool? = nil,
        labels: [String: String]? = nil,
        options: [String: String]? = nil,
        checkDuplicate: Bool? = true
    ) {
        self.name = name
        self.driver = driver
        self.attachable = attachable
        self.internal = `internal`
        self.labels = labels
        self.options = options
        self.checkDuplicate = checkDuplicate
    }

    /// An overlay for Swarm services; `encrypted` turns on IPsec between nodes.
    public static func overlay(
        name: String,
        labels: [String: String]? = nil,
        encrypted: Bool = true,
        attachable: Bool = true,
        internal: Bool = false
    ) -> NetworkCreateRequest {
        NetworkCreateRequest(
            name: name,
            driver: "overlay",
            attachable: attachable,
            internal: `internal` ? true : nil,
            labels: labels,
            // The CLI's `--opt encrypted` sends an empty value; the key's presence is what counts.
            options: encrypted ? ["encrypted": ""] : nil
        )
    }

    enum CodingKeys: String, CodingKey {
        case name = "Name"
        case driver = "Driver"
        case attachable = "Attachable"
        case `internal` = "Internal"
        case labels = "Labels"
        case options = "Options"
        case checkDuplicate = "CheckDuplicate"
    }
}
