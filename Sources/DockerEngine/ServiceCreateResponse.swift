/// The answer to a service create: its ID and the engine's warnings
/// (for example an image that could not be resolved on the registry).
public struct ServiceCreateResponse: Decodable, Sendable, Equatable {
    public var id: String
    public var warnings: [String]?

    enum CodingKeys: String, CodingKey {
        case id = "ID"
        case warnings = "Warnings"
    }
}
