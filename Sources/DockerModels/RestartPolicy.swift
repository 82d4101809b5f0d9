/// When Swarm replaces a task that exited. Durations are nanoseconds.
public struct RestartPolicy: Codable, Sendable, Equatable {
    /// `"none"`, `"on-failure"` or `"any"`.
    public var condition: String?
    public var delay: Int64?
    public var maxAttempts: UInt64?
    public var window: Int64?

    public init(condition: String? = nil, delay: Int64? = nil, maxAttempts: UInt64? = nil, window: Int64? = nil) {
        self.condition = condition
        self.delay = delay
        self.maxAttempts = maxAttempts
        self.window = window
    }

    enum CodingKeys: String, CodingKey {
        case condition = "Condition"
        case delay = "Delay"
        case maxAttempts = "MaxAttempts"
        case window = "Window"
    }
}
