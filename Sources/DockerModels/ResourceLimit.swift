/// One side of `Resources`. `NanoCPUs` is CPUs × 10⁹. `pids` exists only on
/// limits (API ≥ 1.41) and is left `nil` in reservations.
public struct ResourceLimit: Codable, Sendable, Equatable {
    public var nanoCPUs: Int64?
    public var memoryBytes: Int64?
    public var pids: Int64?

    public init(nanoCPUs: Int64? = nil, memoryBytes: Int64? = nil, pids: Int64? = nil) {
        self.nanoCPUs = nanoCPUs
        self.memoryBytes = memoryBytes
        self.pids = pids
    }

    enum CodingKeys: String, CodingKey {
        case nanoCPUs = "NanoCPUs"
        case memoryBytes = "MemoryBytes"
        case pids = "Pids"
    }
}
