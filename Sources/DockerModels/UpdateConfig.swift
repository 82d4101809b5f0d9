/// How Swarm rolls out (`UpdateConfig`) or rolls back (`RollbackConfig`) a
/// change. Durations are nanoseconds.
public struct UpdateConfig: Codable, Sendable, Equatable {
    public var parallelism: UInt64?
    public var delay: Int64?
    /// `"pause"`, `"continue"` or `"rollback"`.
    public var failureAction: String?
    /// How long each new task is watched for failure before the next one.
    public var monitor: Int64?
    public var maxFailureRatio: Double?
    /// `"stop-first"` (default) or `"start-first"` for zero-downtime.
    public var order: String?

    public static let startFirst = "start-first"
    public static let stopFirst = "stop-first"
    public static let rollback = "rollback"
    public static let pause = "pause"
    public static let `continue` = "continue"

    public init(
        parallelism: UInt64? = nil,
        delay: Int64? = nil,
        failureAction: String? = nil,
        monitor: Int64? = nil,
        maxFailureRatio: Double? = nil,
        order: String? = nil
    ) {
        self.parallelism = parallelism
        self.delay = delay
        self.failureAction = failureAction
        self.monitor = monitor
        self.maxFailureRatio = maxFailureRatio
        self.order = order
    }

    enum CodingKeys: String, CodingKey {
        case parallelism = "Parallelism"
        case delay = "Delay"
        case failureAction = "FailureAction"
        case monitor = "Monitor"
        case maxFailureRatio = "MaxFailureRatio"
        case order = "Order"
    }
}
