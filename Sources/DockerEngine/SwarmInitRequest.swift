/// `POST /swarm/init`. A known `defaultAddrPool` lets the node firewall drop
/// tenant traffic into other overlays by one prefix.
public struct SwarmInitRequest: Encodable, Sendable, Equatable {
    public var listenAddr: String
    public var advertiseAddr: String?
    public var dataPathAddr: String?
    public var defaultAddrPool: [String]?
    public var subnetSize: UInt32?
    public var forceNewCluster: Bool?

    public init(
        listenAddr: String = "0.0.0.0:2377",
        advertiseAddr: String? = nil,
        dataPathAddr: String? = nil,
        defaultAddrPool: [String]? = nil,
        subnetSize: UInt32? = nil,
        forceNewCluster: Bool? = nil
    ) {
        self.listenAddr = listenAddr
        self.advertiseAddr = advertiseAddr
        self.dataPathAddr = dataPathAddr
        self.defaultAddrPool = defaultAddrPool
        self.subnetSize = subnetSize
        self.forceNewCluster = forceNewCluster
    }

    enum CodingKeys: String, CodingKey {
        case listenAddr = "ListenAddr"
        case advertiseAddr = "AdvertiseAddr"
        case dataPathAddr = "DataPathAddr"
        case defaultAddrPool = "DefaultAddrPool"
        case subnetSize = "SubnetSize"
        case forceNewCluster = "ForceNewCluster"
    }
}
