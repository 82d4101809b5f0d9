/// Swarm's optimistic-concurrency token: every update must quote the index it read.
public struct ObjectVersion: Codable, Sendable, Hashable {
    public var index: UInt64

    public init(index: UInt64) {
        self.index = index
    }

    enum CodingKeys: String, CodingKey {
        case index = "Index"
    }
}
