/// A task's lifecycle state. A string wrapper rather than an enum so that
/// states added by newer engines still decode.
public struct TaskState: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static let new = TaskState(rawValue: "new")
    public static let pending = TaskState(rawValue: "pending")
    public static let assigned = TaskState(rawValue: "assigned")
    public static let accepted = TaskState(rawValue: "accepted")
    public static let preparing = TaskState(rawValue: "preparing")
    public static let ready = TaskState(rawValue: "ready")
    public static let starting = TaskState(rawValue: "starting")
    public static let running = TaskState(rawValue: "running")
    public static let complete = TaskState(rawValue: "complete")
    public static let shutdown = TaskState(rawValue: "shutdown")
    public static let failed = TaskState(rawValue: "failed")
    public static let rejected = TaskState(rawValue: "rejected")
    public static let remove = TaskState(rawValue: "remove")
    public static let orphaned = TaskState(rawValue: "orphaned")

    /// States a task never leaves.
    public var isTerminal: Bool {
        [.complete, .shutdown, .failed, .rejected, .remove, .orphaned].contains(self)
    }
}
