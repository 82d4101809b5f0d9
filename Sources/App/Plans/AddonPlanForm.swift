import Foundation
import PaaSCore
import Vapor

/// The addon plan form as typed: prices in the main currency unit ("0.0137"), converted to
/// micro-units here. A blank optional field means "none" (no CPU limit, no cap, no sort order).
struct AddonPlanForm: Content {
    var kind: String?
    var name: String?
    var description: String?
    var cpu: String?
    var memoryMb: String?
    var storageMb: String?
    var maxConnections: String?
    var pricePerHour: String?
    var monthlyPrice: String?
    var sortOrder: String?

    enum CodingKeys: String, CodingKey {
        case kind, name, description, cpu
        case memoryMb = "memory_mb", storageMb = "storage_mb", maxConnections = "max_connections"
        case pricePerHour = "price_per_hour", monthlyPrice = "monthly_price", sortOrder = "sort_order"
    }

    init(_ plan: AddonPlan? = nil) {
        guard let plan else { return }
        kind = plan.kind
        name = plan.name
        description = plan.description
        cpu = plan.cpuMillis.map { String(Double($0) / 1000) }
        memoryMb = String(plan.memoryMB)
        storageMb = String(plan.storageMB)
        maxConnections = plan.maxConnections.map(String.init)
        pricePerHour = Money(micros: plan.pricePerHour, currency: "").formatted.trimmingWhitespace()
        monthlyPrice = plan.monthlyPrice.map { Money(micros: $0, currency: "").formatted.trimmingWhitespace() }
        sortOrder = plan.sortOrder.map(String.init)
    }

    func input() throws -> AddonPlanService.Input {
        func number<T: LosslessStringConvertible>(_ raw: String?, _ field: String, _ label: String) throws -> T? {
            guard let raw = raw?.trimmingWhitespace(), !raw.isEmpty else { return nil }
            guard let value = T(raw) else { throw AppError.invalid(field, "\(label) must be a number.") }
            return value
        }
        func money(_ raw: String?, _ field: String, _ label: String) throws -> Int64? {
            guard let raw = raw?.trimmingWhitespace(), !raw.isEmpty else { return nil }
            guard let micros = Money.parse(raw) else { throw AppError.invalid(field, "\(label) must be an amount like 0.0137 (at most six decimals).") }
            return micros
        }
        var input = AddonPlanService.Input()
        input.kind = kind ?? ""
        input.name = name ?? ""
        input.description = .some(description ?? "")
        input.cpu = .some(try number(cpu, "cpu", "CPU"))
        input.memoryMb = try number(memoryMb, "memory_mb", "Memory")
        input.storageMb = try number(storageMb, "storage_mb", "Storage")
        input.maxConnections = .some(try number(maxConnections, "max_connections", "Max connections"))
        input.pricePerHour = try money(pricePerHour, "price_per_hour", "The hourly price")
        input.monthlyPrice = .some(try money(monthlyPrice, "monthly_price", "The monthly cap"))
        input.sortOrder = .some(try number(sortOrder, "sort_order", "Sort order"))
        return input
    }
}
