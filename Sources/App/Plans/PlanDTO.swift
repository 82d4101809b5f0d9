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
}
