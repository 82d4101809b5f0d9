/// A mount in a service's container. Tenants only ever get `tmpfs` (a
/// read-only root needs somewhere writable); system services may bind.
public struct Mount: Codable, Sendable, Equatable {
    public struct TmpfsOptions: Codable, Sendable, Equatable {
        public var sizeBytes: Int64?
        /// Permission bits, e.g. `0o1777` for a /tmp.
        public var mode: UInt32?

        public init(sizeBytes: Int64? = nil, mode: UInt32? = nil) {
            self.sizeBytes = sizeBytes
            self.mode = mode
        }

        enum CodingKeys: String, CodingKey {
            case sizeBytes = "SizeBytes"
            case mode = "Mode"
        }
    }

    /// `"tmpfs"`, `"bind"` or `"volume"`.
    public var type: String
    public var source: String?
    public var target: String
    public var readOnly: Bool?
    public var tmpfsOptions: TmpfsOptions?

    public init(type: String, source: String? = nil, target: String, readOnly: Bool? = nil, tmpfsOptions: TmpfsOptions? = nil) {
        self.type = type
        self.source = source
        self.target = target
        self.readOnly = readOnly
        self.tmpfsOptions = tmpfsOptions
    }

    public static func tmpfs(_ target: String, sizeBytes: Int64? = nil, mode: UInt32? = nil) -> Mount {
        Mount(type: "tmpfs", target: target, tmpfsOptions: TmpfsOptions(sizeBytes: sizeBytes, mode: mode))
    }

    enum CodingKeys: String, CodingKey {
        case type = "Type"
        case source = "Source"
        case target = "Target"
        case readOnly = "ReadOnly"
        case tmpfsOptions = "TmpfsOptions"
    }
}
