/// `Mode`: replicated with a count, or one task per node (global).
public struct ServiceMode: Codable, Sendable, Equatable {
    public struct Replicated: Codable, Sendable, Equatable {
        public var replicas: UInt64?
        public init(replicas: UInt64?) { self.replicas = replicas }
        enum CodingKeys: String, CodingKey { case replicas = "Replicas" }
    }

    /// Encodes as `{}`; its presence is the whole message.
    public struct Global: Codable, Sendable, Equatable {
        public init() {}
    }

    public var replicated: Replicated?
    public var global: Global?

    public init(replicated: Replicated? = nil, global: Global? = nil) {
        self.replicated = replicated
        self.global = global
    }

    public static func replicated(_ replicas: UInt64) -> ServiceMode {
        ServiceMode(replicated: Replicated(replicas: replicas))
    }

    public static let global = ServiceMode(global: Global())

    enum CodingKeys: String, CodingKey {
        case replicated = "Replicated"
        case global = "Global"
    }
}
