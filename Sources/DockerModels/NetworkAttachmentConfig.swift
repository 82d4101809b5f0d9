/// A network a service's tasks join (`TaskTemplate.Networks`), with DNS aliases on it.
public struct NetworkAttachmentConfig: Codable, Sendable, Equatable {
    /// Network ID or name. The engine answers with the ID when the spec is read back.
    public var target: String
    public var aliases: [String]?
    public var driverOpts: [String: String]?

    public init(target: String, aliases: [String]? = nil, driverOpts: [String: String]? = nil) {
        self.target = target
        self.aliases = aliases
        self.driverOpts = driverOpts
    }

    enum CodingKeys: String, CodingKey {
        case target = "Target"
        case aliases = "Aliases"
        case driverOpts = "DriverOpts"
    }
}
