/// Mounts a Swarm secret into a task as a file under `/run/secrets`.
public struct SecretReference: Codable, Sendable, Equatable {
    public struct File: Codable, Sendable, Equatable {
        public var name: String
        public var uid: String?
        public var gid: String?
        public var mode: UInt32?

        public init(name: String, uid: String? = "0", gid: String? = "0", mode: UInt32? = 0o444) {
            self.name = name
            self.uid = uid
            self.gid = gid
            self.mode = mode
        }

        enum CodingKeys: String, CodingKey {
            case name = "Name"
            case uid = "UID"
            case gid = "GID"
            case mode = "Mode"
        }
    }

    public var file: File?
    public var secretID: String
    public var secretName: String

    public init(secretID: String, secretName: String, file: File? = nil) {
        self.secretID = secretID
        self.secretName = secretName
        self.file = file ?? File(name: secretName)
    }

    enum CodingKeys: String, CodingKey {
        case file = "File"
        case secretID = "SecretID"
        case secretName = "SecretName"
    }
}
