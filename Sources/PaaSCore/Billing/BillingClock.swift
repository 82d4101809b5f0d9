/// Calendar arithmetic for billing on UTC epoch seconds. Hours and calendar months are the only
/// periods billing knows; keeping them as integers keeps every charge exact and reproducible.
public enum BillingClock {
    public static let secondsPerHour: Int64 = 3600
    static let secondsPerDay: Int64 = 86_400

    /// The start of the hour holding `t` (floor, also for times before 1970).
    public static func hourStart(_ t: Int64) -> Int64 {
        t - positiveModulo(t, secondsPerHour)
    }

    /// The start of the UTC calendar month holding `t`.
    public static func monthStart(_ t: Int64) -> Int64 {
        let date = civilDate(daysSinceEpoch: floorDivide(t, secondsPerDay))
        return daysSinceEpoch(year: date.year, month: date.month, day: 1) * secondsPerDay
    }

    /// The start of the month after the one holding `t`.
    public static func nextMonthStart(_ t: Int64) -> Int64 {
        let date = civilDate(daysSinceEpoch: floorDivide(t, secondsPerDay))
        let (year, month) = date.month == 12 ? (date.year + 1, 1) : (date.year, date.month + 1)
        return daysSinceEpoch(year: year, month: month, day: 1) * secondsPerDay
    }

    /// "2026-11" for the month holding `t`.
    public static func monthLabel(_ t: Int64) -> String {
        let date = civilDate(daysSinceEpoch: floorDivide(t, secondsPerDay))
        return "\(date.year)-\(date.month < 10 ? "0" : "")\(date.month)"
    }

    /// "2026-11-26" for the UTC day holding `t`.
    public static func dayLabel(_ t: Int64) -> String {
        let date = civilDate(daysSinceEpoch: floorDivide(t, secondsPerDay))
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(date.year)-\(two(date.month))-\(two(date.day))"
    }

    /// The start of the month named "2026-11", or nil when the text is not such a month.
    public static func monthStart(label: String) -> Int64? {
        let parts = label.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let year = Int64(parts[0]), let month = Int64(parts[1]), (1900...9999).contains(year), (1...12).contains(month) else { return nil }
        return daysSinceEpoch(year: year, month: month, day: 1) * secondsPerDay
    }

    /// The start of the UTC day holding `t`.
    public static func dayStart(_ t: Int64) -> Int64 {
        floorDivide(t, secondsPerDay) * secondsPerDay
    }

    // Proleptic Gregorian conversions by eras of 400 years (146,097 days), so no table of month
    // lengths or leap rules is consulted twice.
    static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let shiftedMonth = (month + 9) % 12
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilDate(daysSinceEpoch days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        (a - positiveModulo(a, b)) / b
    }

    static func positiveModulo(_ a: Int64, _ b: Int64) -> Int64 {
        let r = a % b
        return r < 0 ? r + b : r
    }
}
