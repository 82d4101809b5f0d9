/// `LogDriver`, e.g. `json-file` with `max-size`/`max-file` so tenant output cannot fill a disk.
public struct LogDriver: Codable, Sendable, Equatable {
    public var name: String
    public var options: [String: String]?

    public init(name: String, options: [String: String]? = nil) {
        self.name = name
        self.options = options
    }

    enum CodingKeys: String, CodingKey {
        case name = "Name"
        case options = "Options"
    }
}
