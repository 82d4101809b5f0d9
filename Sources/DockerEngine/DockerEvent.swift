/// One entry of `GET /events`. `type` is the object kind (`container`,
/// `service`, `node`, `network`, ...) and `action` what happened to it.
public struct DockerEvent: Decodable, Sendable, Equatable {
    public struct Actor: Decodable, Sendable, Equatable {
        public var id: String?
        public var attributes: [String: String]?
        enum CodingKeys: String, CodingKey { case id = "ID", attributes = "Attributes" }
    }

    public var type: String?
    public var action: String?
    public var actor: Actor?
    /// `local` or `swarm`.
    public var scope: String?
    public var time: Int64?
    public var timeNano: Int64?

    enum CodingKeys: String, CodingKey {
        case type = "Type"
        case action = "Action"
        case actor = "Actor"
        case scope, time, timeNano
    }
}
