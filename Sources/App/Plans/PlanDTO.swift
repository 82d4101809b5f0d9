import Foundation
import Vapor

struct PlanDTO: Content {
    let id: String
    let name: String
    /// vCPUs as a number (0.5, 1, 2); stored as thousandths so no float reaches the database.
    let cpu: Double
    let memoryMb: Int64
    let storageMb: Int64
    let maxContainers: Int
    let pricePerHour: Int64
    let monthlyPrice: Int64?
    let autoscalingAllowed: Bool
    let logRetentionDays: Int
    let archived: Bool

    init(_ plan: Plan) {
        id = plan.id?.uuidString.lowercased() ?? ""
        name = plan.name
        cpu = Double(plan.cpuMillis) / 1000
        memoryMb = plan.memoryMB
        storageMb = plan.storageMB
        maxContainers = plan.maxContainers
        pricePerHour = plan.pricePerHour
        monthlyPrice = plan.monthlyPrice
        autoscalingAllowed = plan.autoscalingAllowed
        logRetentionDays = plan.logRetentionDays
        archived = plan.isArchived
    }

    enum CodingKeys: String, CodingKey {
        case id, name, cpu, memoryMb, storageMb, maxContainers, pricePerHour, monthlyPrice, autoscalingAllowed, logRetentionDays, archived
    }

    /// The contract shows "no cap" as `"monthly_price": null`; synthesized encoding would drop the key.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(cpu, forKey: .cpu)
        try c.encode(memoryMb, forKey: .memoryMb)
        try c.encode(storageMb, forKey: .storageMb)
        try c.encode(maxContainers, forKey: .maxContainers)
        try c.encode(pricePerHour, forKey: .pricePerHour)
        try c.encode(monthlyPrice, forKey: .monthlyPrice)
        try c.encode(autoscalingAllowed, forKey: .autoscalingAllowed)
        try c.encode(logRetentionDays, forKey: .logRetentionDays)
        try c.encode(archived, forKey: .archived)
    }
}
