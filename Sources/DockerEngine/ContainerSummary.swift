/// One row of `GET /containers/json`.
public struct ContainerSummary: Decodable, Sendable, Equatable {
    public var id: String
    /// With Docker's leading slash.
    public var names: [String]?
    public var image: String?
    public var labels: [String: String]?
    /// `running`, `exited`, ...
    public var state: String?
    public var status: String?

    enum CodingKeys: String, CodingKey {
        case id = "Id", names = "Names", image = "Image", labels = "Labels", state = "State", status = "Status"
    }
}
