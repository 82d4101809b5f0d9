/// `POST /swarm/join`, sent to the joining node's own engine.
public struct SwarmJoinRequest: Encodable, Sendable, Equatable {
    public var listenAddr: String
    public var advertiseAddr: String?
    /// Managers to contact, `host:2377`.
    public var remoteAddrs: [String]
    public var joinToken: String

    public init(listenAddr: String = "0.0.0.0:2377", advertiseAddr: String? = nil, remoteAddrs: [String], joinToken: String) {
        self.listenAddr = listenAddr
        self.advertiseAddr = advertiseAddr
        self.remoteAddrs = remoteAddrs
        self.joinToken = joinToken
    }

    enum CodingKeys: String, CodingKey {
        case listenAddr = "ListenAddr"
        case advertiseAddr = "AdvertiseAddr"
        case remoteAddrs = "RemoteAddrs"
        case joinToken = "JoinToken"
    }
}
