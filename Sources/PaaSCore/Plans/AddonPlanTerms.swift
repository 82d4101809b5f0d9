/// What an addon plan (a managed database or cache) offers and costs, checked against bounds a
/// real node can honour.
public struct AddonPlanTerms: Equatable, Sendable {
    public var kind: String
    public var name: String
    public var description: String?
    public var cpuMillis: Int64?
    public var memoryMB: Int64
    public var storageMB: Int64
    public var maxConnections: Int?
    public var pricePerHour: Int64
    public var monthlyPrice: Int64?

    /// The engines the platform can run; an addon copies its plan's kind, so this list is the contract.
    public static let kinds = ["postgresql", "mysql", "redis"]
    public static let cpuRange: ClosedRange<Double> = 0.05...64
    public static let memoryRange: ClosedRange<Int64> = 64...1_048_576
    public static let storageRange: ClosedRange<Int64> = 0...10_485_760
    public static let connectionsRange: ClosedRange<Int> = 1...100_000
    /// Keeps a year of hourly charges far inside Int64 micro-units.
    public static let maxPrice: Int64 = 1_000_000_000_000

    /// `cpu` arrives as vCPUs (0.5, 2) or nil for no limit; it is kept as thousandths so limits and
    /// prices never depend on floating point after this point.
    public static func validate(
        kind rawKind: String, name rawName: String, description rawDescription: String?, cpu: Double?,
        memoryMB: Int64, storageMB: Int64, maxConnections: Int?, pricePerHour: Int64, monthlyPrice: Int64?
    ) throws(ValidationFailure) -> AddonPlanTerms {
        let kind = rawKind.trimmingWhitespace().lowercased()
        guard kinds.contains(kind) else {
            throw ValidationFailure(field: "kind", message: "Kind must be one of \(kinds.joined(separator: ", ")).")
        }
        let name = try TextField.validate(rawName, field: "name", label: "Plan name", max: 60)
        var description: String?
        if let rawDescription {
            let text = try TextField.validate(rawDescription, field: "description", label: "Description", min: 0, max: 300)
            description = text.isEmpty ? nil : text
        }
        if let cpu {
            guard cpu.isFinite, cpuRange.contains(cpu) else {
                throw ValidationFailure(field: "cpu", message: "CPU must be between 0.05 and 64 vCPUs, or left empty for no limit.")
            }
        }
        guard memoryRange.contains(memoryMB) else {
            throw ValidationFailure(field: "memory_mb", message: "Memory must be between 64 MB and 1048576 MB (1 TB).")
        }
        guard storageRange.contains(storageMB) else {
            throw ValidationFailure(field: "storage_mb", message: "Storage must be between 0 and 10485760 MB (10 TB).")
        }
        if let maxConnections, !connectionsRange.contains(maxConnections) {
            throw ValidationFailure(field: "max_connections", message: "Max connections must be between 1 and 100000, or left empty for the engine's default.")
        }
        guard pricePerHour >= 0, pricePerHour <= maxPrice else {
            throw ValidationFailure(field: "price_per_hour", message: "The hourly price must be zero or more (micro-units), and below 1,000,000 in the main unit.")
        }
        if let monthlyPrice, monthlyPrice <= 0 || monthlyPrice > maxPrice {
            throw ValidationFailure(field: "monthly_price", message: "The monthly cap must be more than zero, or left empty for no cap.")
        }
        return AddonPlanTerms(
            kind: kind, name: name, description: description, cpuMillis: cpu.map { Int64(($0 * 1000).rounded()) },
            memoryMB: memoryMB, storageMB: storageMB, maxConnections: maxConnections,
            pricePerHour: pricePerHour, monthlyPrice: monthlyPrice)
    }
}
