/// Money is an integer count of micro-units: 1/1,000,000 of the currency's main unit.
/// Cents cannot express a $5/month plan per hour (0.68 cents); micro-units can, without floating point.
public struct Money: Equatable, Hashable, Comparable, Sendable, Codable {
    public static let unitsPerMain: Int64 = 1_000_000
    public static let unitsPerCent: Int64 = 10_000

    public var micros: Int64
    public var currency: String

    public init(micros: Int64, currency: String) {
        self.micros = micros
        self.currency = currency
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.micros < rhs.micros }

    /// Two decimals for whole cents, more only when a sub-cent amount needs them ($0.006849/h).
    public var formatted: String {
        let negative = micros < 0
        let magnitude = micros.magnitude
        let main = magnitude / UInt64(Money.unitsPerMain)
        var fraction = String(magnitude % UInt64(Money.unitsPerMain))
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.count > 2 && fraction.hasSuffix("0") { fraction.removeLast() }
        let symbol = Money.symbols[currency]
        let number = "\(main).\(fraction)"
        let sign = negative ? "-" : ""
        return symbol.map { "\(sign)\($0)\(number)" } ?? "\(sign)\(number) \(currency)"
    }

    static let symbols: [String: String] = ["USD": "$", "EUR": "€", "GBP": "£", "CAD": "CA$", "AUD": "A$"]

    /// Parses "12.34" or "12" typed by an admin into micro-units, refusing more than six decimals.
    public static func parse(_ text: String) -> Int64? {
        let trimmed = text.trimmingWhitespace()
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int64(parts[0]), whole >= 0 else { return nil }
        var micros = whole.multipliedReportingOverflow(by: unitsPerMain)
        guard !micros.overflow else { return nil }
        if parts.count == 2 {
            let digits = parts[1]
            guard !digits.isEmpty, digits.count <= 6, digits.allSatisfy(\.isNumber), let value = Int64(digits) else { return nil }
            var scale: Int64 = 1
            for _ in 0..<(6 - digits.count) { scale *= 10 }
            micros = micros.partialValue.addingReportingOverflow(value * scale)
            guard !micros.overflow else { return nil }
        }
        return micros.partialValue
    }
}
