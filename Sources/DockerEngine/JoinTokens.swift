/// The secrets a node presents to join as a worker or a manager.
public struct JoinTokens: Decodable, Sendable, Equatable {
    public var worker: String
    public var manager: String

    enum CodingKeys: String, CodingKey {
        case worker = "Worker"
        case manager = "Manager"
    }
}
