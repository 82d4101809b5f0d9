import Foundation
import Vapor

struct AddonPlanDTO: Content {
    let id: String
    let kind: String
    let name: String
    let description: String?
    /// vCPUs as a number (0.5, 1, 2), or null for no limit; stored as thousandths.
    let cpu: Double?
    let memoryMb: Int64
    let storageMb: Int64
    let maxConnections: Int?
    let pricePerHour: Int64
    let monthlyPrice: Int64?
    let sortOrder: Int?
    let archived: Bool

    init(_ plan: AddonPlan) {
        id = plan.id?.uuidString.lowercased() ?? ""
        kind = plan.kind
        name = plan.name
        description = plan.description
        cpu = plan.cpuMillis.map { Double($0) / 1000 }
        memoryMb = plan.memoryMB
        storageMb = plan.storageMB
        maxConnections = plan.maxConnections
        pricePerHour = plan.pricePerHour
        monthlyPrice = plan.monthlyPrice
        sortOrder = plan.sortOrder
        archived = plan.isArchived
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, name, description, cpu, memoryMb, storageMb, maxConnections, pricePerHour, monthlyPrice, sortOrder, archived
    }

    /// The contract shows "no limit" and "no cap" as explicit nulls; synthesized encoding would drop the keys.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(name, forKey: .name)
        try c.encode(description, forKey: .description)
        try c.encode(cpu, forKey: .cpu)
        try c.encode(memoryMb, forKey: .memoryMb)
        try c.encode(storageMb, forKey: .storageMb)
        try c.encode(maxConnections, forKey: .maxConnections)
        try c.encode(pricePerHour, forKey: .pricePerHour)
        try c.encode(monthlyPrice, forKey: .monthlyPrice)
        try c.encode(sortOrder, forKey: .sortOrder)
        try c.encode(archived, forKey: .archived)
    }
}
