import Foundation

extension KeyedDecodingContainer {
    /// Foundation's JSONDecoder reports `1.5` for an integer field as "not valid JSON" with no key,
    /// so the person cannot be told which field is wrong. Decoding through `Decimal` (exact) lets
    /// us name it.
    func decodeWholeNumberIfPresent<T: FixedWidthInteger>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        let mismatch = DecodingError.typeMismatch(T.self, .init(codingPath: codingPath + [key], debugDescription: "not a whole number"))
        let decimal: Decimal
        do { decimal = try decode(Decimal.self, forKey: key) } catch { throw mismatch }
        var rounded = decimal
        var source = decimal
        NSDecimalRound(&rounded, &source, 0, .plain)
        guard rounded == decimal, decimal >= Decimal(Int64(T.min)), decimal <= Decimal(Int64(clamping: T.max)) else { throw mismatch }
        return T(NSDecimalNumber(decimal: decimal).int64Value)
    }
}
