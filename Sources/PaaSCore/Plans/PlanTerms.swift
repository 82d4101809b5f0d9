/// What a plan offers and costs, checked against bounds a real node can honour.
public struct PlanTerms: Equatable, Sendable {
    public var name: String
    public var cpuMillis: Int64
    public var memoryMB: Int64
    public var storageMB: Int64
    public var maxContainers: Int
    public var pricePerHour: Int64
    public var monthlyPrice: Int64?
    public var autoscalingAllowed: Bool
    public var logRetentionDays: Int

    public static let cpuRange: ClosedRange<Double> = 0.05...64
    public static let memoryRange: ClosedRange<Int64> = 32...262_144
    public static let storageRange: ClosedRange<Int64> = 0...10_485_760
    public static let containersRange: ClosedRange<Int> = 1...100
    public static let retentionRange: ClosedRange<Int> = 1...3650

    /// `cpu` arrives as vCPUs (0.5, 2); it is kept as thousandths so limits and prices never
    /// depend on floating point after this point.
    public static func validate(
        name rawName: String, cpu: Double, memoryMB: Int64, storageMB: Int64, maxContainers: Int,
        pricePerHour: Int64, monthlyPrice: Int64?, autoscalingAllowed: Bool, logRetentionDays: Int
    ) throws(ValidationFailure) -> PlanTerms {
        let name = try TextField.validate(rawName, field: "name", label: "Plan name", max: 60)
        guard cpu.isFinite, cpuRange.contains(cpu) else {
            throw ValidationFailure(field: "cpu", message: "CPU must be between 0.05 and 64 vCPUs.")
        }
        guard memoryRange.contains(memoryMB) else {
            throw ValidationFailure(field: "memory_mb", message: "Memory must be between 32 MB and 262144 MB (256 GB).")
        }
        guard storageRange.contains(storageMB) else {
            throw ValidationFailure(field: "storage_mb", message: "Storage must be between 0 and 10485760 MB (10 TB).")
        }
        guard containersRange.contains(maxContainers) else {
            throw ValidationFailure(field: "max_containers", message: "Max containers must be between 1 and 100.")
        }
        guard pricePerHour >= 0, pricePerHour <= 1_000_000_000_000 else {
            throw ValidationFailure(field: "price_per_hour", message: "The hourly price must be zero or more (micro-units), and below 1,000,000 in the main unit.")
        }
        if let monthlyPrice, monthlyPrice <= 0 || monthlyPrice > 1_000_000_000_000 {
            throw ValidationFailure(field: "monthly_price", message: "The monthly cap must be more than zero, or left empty for no cap.")
        }
        guard retentionRange.contains(logRetentionDays) else {
            throw ValidationFailure(field: "log_retention_days", message: "Log retention must be between 1 and 3650 days.")
        }
        return PlanTerms(
            name: name, cpuMillis: Int64((cpu * 1000).rounded()), memoryMB: memoryMB, storageMB: storageMB,
            maxContainers: maxContainers, pricePerHour: pricePerHour, monthlyPrice: monthlyPrice,
            autoscalingAllowed: autoscalingAllowed, logRetentionDays: logRetentionDays)
    }
}
