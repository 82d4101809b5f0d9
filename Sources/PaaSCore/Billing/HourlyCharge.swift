/// The charge for one closed hour of one resource.
///
/// Rounding rule: a line's exact month-to-date cost (container-seconds × price ÷ 3600) is rounded
/// half up to a whole micro-unit, and an hour is charged the difference between that rounded figure
/// at the hour's end and at its start. Rounding therefore never drifts: a month's hourly charges
/// add up exactly to its rounded (or capped) total, however many hours it is split into.
public struct HourlyCharge: Sendable, Equatable {
    public struct LineCharge: Sendable, Equatable {
        public var line: UsageSpan.Line
        /// Seconds of use inside the hour, times the containers running.
        public var containerSeconds: Int64
        public var amount: Int64
        /// The package cap for the month is reached: the rest of the month is free for this line.
        public var capped: Bool
    }

    public var hourStart: Int64
    public var lines: [LineCharge]

    public var amount: Int64 { lines.reduce(0) { $0 + $1.amount } }
    public var containerSeconds: Int64 { lines.reduce(0) { $0 + $1.containerSeconds } }

    /// Charges the hour starting at `hourStart` from all of a resource's spans (others are ignored).
    /// Lines that did not run in the hour are left out.
    public init(spans: [UsageSpan], hourStart: Int64) {
        self.hourStart = hourStart
        let hourEnd = hourStart + BillingClock.secondsPerHour
        let monthStart = BillingClock.monthStart(hourStart)
        let byLine = Dictionary(grouping: spans.filter { $0.overlap(from: monthStart, to: hourEnd) > 0 }, by: \.line)
        lines = byLine.keys.sorted().compactMap { line in
            let spans = byLine[line]!
            let seconds = spans.reduce(Int64(0)) { $0 + $1.overlap(from: hourStart, to: hourEnd) * Int64($1.quantity) }
            guard seconds > 0 else { return nil }
            let before = Self.monthToDate(spans, monthStart: monthStart, until: hourStart)
            let after = Self.monthToDate(spans, monthStart: monthStart, until: hourEnd)
            return LineCharge(line: line, containerSeconds: seconds, amount: after.amount - before.amount, capped: after.capped)
        }
    }

    /// What one line has cost from the start of its month until `until`, after rounding and the cap.
    public static func monthToDate(_ spans: [UsageSpan], monthStart: Int64, until: Int64) -> (amount: Int64, capped: Bool) {
        var exact: Int128 = 0
        var peak = 0
        for span in spans {
            let seconds = span.overlap(from: monthStart, to: until)
            guard seconds > 0 else { continue }
            exact += Int128(seconds) * Int128(span.quantity) * Int128(span.pricePerHour)
            peak = max(peak, span.quantity)
        }
        let uncapped = roundHalfUp(exact, per: Int128(BillingClock.secondsPerHour))
        // A package plan charges each container at most its monthly price; a line that ran up to
        // `peak` containers at once this month is capped at `peak` times that price.
        guard let cap = spans.first?.line.monthlyCap else { return (uncapped, false) }
        let limit = cap * Int64(peak)
        return uncapped >= limit && peak > 0 ? (limit, true) : (uncapped, false)
    }

    static func roundHalfUp(_ value: Int128, per divisor: Int128) -> Int64 {
        Int64((value + divisor / 2) / divisor)
    }
}
