import Foundation
import PaaSCore
import Vapor

/// The plan form as typed: prices in the main currency unit ("0.0068"), converted to micro-units here.
struct PlanForm: Content {
    var name: String?
    var cpu: String?
    var memoryMb: String?
    var storageMb: String?
    var maxContainers: String?
    var pricePerHour: String?
    var monthlyPrice: String?
    var autoscalingAllowed: String?
    var logRetentionDays: String?

    enum CodingKeys: String, CodingKey {
        case name, cpu
        case memoryMb = "memory_mb", storageMb = "storage_mb", maxContainers = "max_containers"
        case pricePerHour = "price_per_hour", monthlyPrice = "monthly_price"
        case autoscalingAllowed = "autoscaling_allowed", logRetentionDays = "log_retention_days"
    }

    init(_ plan: Plan? = nil) {
        guard let plan else { return }
        name = plan.name
        cpu = String(Double(plan.cpuMillis) / 1000)
        memoryMb = String(plan.memoryMB)
        storageMb = String(plan.storageMB)
        maxContainers = String(plan.maxContainers)
        pricePerHour = Money(micros: plan.pricePerHour, currency: "").formatted.trimmingWhitespace()
        monthlyPrice = plan.monthlyPrice.map { Money(micros: $0, currency: "").formatted.trimmingWhitespace() }
        autoscalingAllowed = plan.autoscalingAllowed ? "on" : nil
        logRetentionDays = String(plan.logRetentionDays)
    }

    func input() throws -> PlanService.Input {
        func number<T: LosslessStringConvertible>(_ raw: String?, _ field: String, _ label: String) throws -> T? {
            guard let raw = raw?.trimmingWhitespace(), !raw.isEmpty else { return nil }
            guard let value = T(raw) else { throw AppError.invalid(field, "\(label) must be a number.") }
            return value
        }
        func money(_ raw: String?, _ field: String, _ label: String) throws -> Int64? {
            guard let raw = raw?.trimmingWhitespace(), !raw.isEmpty else { return nil }
            guard let micros = Money.parse(raw) else { throw AppError.invalid(field, "\(label) must be an amount like 0.0068 (at most six decimals).") }
            return micros
        }
        var input = PlanService.Input()
        input.name = name ?? ""
        input.cpu = try number(cpu, "cpu", "CPU")
        input.memoryMb = try number(memoryMb, "memory_mb", "Memory")
        input.storageMb = try number(storageMb, "storage_mb", "Storage")
        input.maxContainers = try number(maxContainers, "max_containers", "Max containers")
        input.pricePerHour = try money(pricePerHour, "price_per_hour", "The hourly price")
        input.monthlyPrice = .some(try money(monthlyPrice, "monthly_price", "The monthly cap"))
        input.autoscalingAllowed = autoscalingAllowed == "on"
        input.logRetentionDays = try number(logRetentionDays, "log_retention_days", "Log retention")
        return input
    }
}
