/// One scheduled instance of a service. The router sends traffic to the
/// addresses of tasks whose `status.state` is running.
public struct SwarmTask: Decodable, Sendable, Equatable {
    public struct Status: Decodable, Sendable, Equatable {
        public var timestamp: String?
        public var state: TaskState?
        public var message: String?
        /// Why the task failed, e.g. "task: non-zero exit (1)".
        public var err: String?
        public var containerID: String?
        public var exitCode: Int?

        enum CodingKeys: String, CodingKey {
            case timestamp = "Timestamp", state = "State", message = "Message", err = "Err"
            case containerStatus = "ContainerStatus"
        }

        enum ContainerKeys: String, CodingKey { case containerID = "ContainerID", exitCode = "ExitCode" }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            timestamp = try c.decodeIfPresent(String.self, forKey: .timestamp)
            state = try c.decodeIfPresent(TaskState.self, forKey: .state)
            message = try c.decodeIfPresent(String.self, forKey: .message)
            err = try c.decodeIfPresent(String.self, forKey: .err)
            if c.contains(.containerStatus), try !c.decodeNil(forKey: .containerStatus) {
                let inner = try c.nestedContainer(keyedBy: ContainerKeys.self, forKey: .containerStatus)
                containerID = try inner.decodeIfPresent(String.self, forKey: .containerID)
                exitCode = try inner.decodeIfPresent(Int.self, forKey: .exitCode)
            }
        }
    }

    /// The task's place on one network, with its addresses in CIDR form.
    public struct NetworkAttachment: Decodable, Sendable, Equatable {
        public var networkID: String?
        public var networkName: String?
        public var addresses: [String]

        enum CodingKeys: String, CodingKey { case network = "Network", addresses = "Addresses" }
        enum NetworkKeys: String, CodingKey { case id = "ID", spec = "Spec" }
        enum SpecKeys: String, CodingKey { case name = "Name" }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            addresses = try c.decodeIfPresent([String].self, forKey: .addresses) ?? []
            if c.contains(.network) {
                let network = try c.nestedContainer(keyedBy: NetworkKeys.self, forKey: .network)
                networkID = try network.decodeIfPresent(String.self, forKey: .id)
                if network.contains(.spec) {
                    let spec = try network.nestedContainer(keyedBy: SpecKeys.self, forKey: .spec)
                    networkName = try spec.decodeIfPresent(String.self, forKey: .name)
                }
            }
        }
    }

    public var id: String
    public var version: ObjectVersion?
    public var serviceID: String?
    public var nodeID: String?
    public var slot: Int?
    public var labels: [String: String]?
    public var desiredState: TaskState?
    public var status: Status?
    public var networkAttachments: [NetworkAttachment]?
    public var createdAt: String?
    public var updatedAt: String?
    /// The spec the task was made from: tells a new release's tasks from the old ones in a rollout.
    public var spec: TaskSpec?

    enum CodingKeys: String, CodingKey {
        case id = "ID"
        case version = "Version"
        case serviceID = "ServiceID"
        case nodeID = "NodeID"
        case slot = "Slot"
        case labels = "Labels"
        case desiredState = "DesiredState"
        case status = "Status"
        // Docker's spelling.
        case networkAttachments = "NetworksAttachments"
        case createdAt = "CreatedAt"
        case updatedAt = "UpdatedAt"
        case spec = "Spec"
    }

    public var state: TaskState? { status?.state }

    public var isRunning: Bool { status?.state == .running }

    /// Bare IPs (no prefix length) on a network given by ID or name, or on
    /// every network when `network` is nil.
    public func addresses(on network: String? = nil) -> [String] {
        (networkAttachments ?? [])
            .filter { network == nil || $0.networkID == network || $0.networkName == network }
            .flatMap { $0.addresses }
            .map { address in address.split(separator: "/", maxSplits: 1).first.map(String.init) ?? address }
    }
}
