/// A stretch of time during which one resource ran a fixed number of containers at a fixed price:
/// the pure form of a usage segment. Times are UTC epoch seconds; an open span has no end yet.
public struct UsageSpan: Sendable, Equatable {
    /// Which charge line the span belongs to. A package plan's monthly cap applies per line, so
    /// moving a process to another plan starts a fresh cap.
    public struct Line: Hashable, Sendable, Comparable {
        public var processType: String
        public var planID: String
        /// The most one container of this line is charged in a calendar month; nil is pure pay-as-you-go.
        public var monthlyCap: Int64?

        public init(processType: String, planID: String, monthlyCap: Int64?) {
            self.processType = processType
            self.planID = planID
            self.monthlyCap = monthlyCap
        }

        public static func < (a: Line, b: Line) -> Bool {
            (a.processType, a.planID, a.monthlyCap ?? -1) < (b.processType, b.planID, b.monthlyCap ?? -1)
        }
    }

    public var line: Line
    public var quantity: Int
    /// Micro-units per container-hour, copied from the plan when the span started.
    public var pricePerHour: Int64
    public var start: Int64
    public var end: Int64?

    public init(line: Line, quantity: Int, pricePerHour: Int64, start: Int64, end: Int64?) {
        self.line = line
        self.quantity = quantity
        self.pricePerHour = pricePerHour
        self.start = start
        self.end = end
    }

    /// Seconds of this span inside `[from, to)`.
    public func overlap(from: Int64, to: Int64) -> Int64 {
        let upper = min(end ?? Int64.max, to)
        let lower = max(start, from)
        return max(0, upper - lower)
    }
}
