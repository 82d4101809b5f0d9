import Fluent
import Foundation
import PaaSCore
import Vapor

/// Admin use cases for plans, shared by the API and the pages.
struct PlanService {
    let req: Request

    /// Every field optional so one type serves create (all given) and PATCH (some given).
    struct Input: Content {
        var name: String?
        var cpu: Double?
        var memoryMb: Int64?
        var storageMb: Int64?
        var maxContainers: Int?
        var pricePerHour: Int64?
        var monthlyPrice: Int64??
        var autoscalingAllowed: Bool?
        var logRetentionDays: Int?
        var sortOrder: Int?
        var archived: Bool?

        init() {}

        enum CodingKeys: String, CodingKey {
            case name, cpu, memoryMb, storageMb, maxContainers, pricePerHour, monthlyPrice, autoscalingAllowed, logRetentionDays, sortOrder, archived
        }

        /// `"monthly_price": null` removes the cap; leaving the key out keeps it. Synthesized
        /// decoding cannot tell those apart.
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            cpu = try c.decodeIfPresent(Double.self, forKey: .cpu)
            memoryMb = try c.decodeWholeNumberIfPresent(Int64.self, forKey: .memoryMb)
            storageMb = try c.decodeWholeNumberIfPresent(Int64.self, forKey: .storageMb)
            maxContainers = try c.decodeWholeNumberIfPresent(Int.self, forKey: .maxContainers)
            pricePerHour = try c.decodeWholeNumberIfPresent(Int64.self, forKey: .pricePerHour)
            if c.contains(.monthlyPrice) {
                monthlyPrice = .some(try c.decodeWholeNumberIfPresent(Int64.self, forKey: .monthlyPrice))
            }
            autoscalingAllowed = try c.decodeIfPresent(Bool.self, forKey: .autoscalingAllowed)
            logRetentionDays = try c.decodeWholeNumberIfPresent(Int.self, forKey: .logRetentionDays)
            sortOrder = try c.decodeWholeNumberIfPresent(Int.self, forKey: .sortOrder)
            archived = try c.decodeIfPresent(Bool.self, forKey: .archived)
        }
    }

    func create(_ input: Input) async throws -> Plan {
        for (field, value) in [("name", input.name as Any?), ("cpu", input.cpu), ("memory_mb", input.memoryMb), ("max_containers", input.maxContainers), ("price_per_hour", input.pricePerHour)] where value == nil {
            throw AppError(.unprocessableEntity, code: "missing_field", "'\(field)' is required.", field: field)
        }
        let plan = Plan()
        plan.isArchived = false
        try apply(input, to: plan, defaults: true)
        try await save(plan)
        try await req.audit("plan.create", target: ("plan", plan.id!.uuidString), details: plan.name)
        return plan
    }

    func update(id: UUID, _ input: Input) async throws -> Plan {
        let plan = try await find(id)
        try apply(input, to: plan, defaults: false)
        try await save(plan)
        try await req.audit("plan.update", target: ("plan", id.uuidString), details: plan.name)
        return plan
    }

    /// A plan that any app still uses is archived instead: its apps keep their limits and prices.
    /// Returns the archived plan, or nil when it was deleted.
    func delete(id: UUID) async throws -> Plan? {
        let plan = try await find(id)
        let users = try await TenantApp.query(on: req.db).filter(\.$plan.$id == id).count()
        if users > 0 {
            plan.isArchived = true
            try await plan.save(on: req.db)
            try await req.audit("plan.archive", target: ("plan", id.uuidString), details: "\(plan.name): in use by \(users) apps")
            return plan
        }
        try await plan.delete(on: req.db)
        try await req.audit("plan.delete", target: ("plan", id.uuidString), details: plan.name)
        return nil
    }

    func find(_ id: UUID) async throws -> Plan {
        guard let plan = try await Plan.find(id, on: req.db) else { throw AppError.notFound("Plan") }
        return plan
    }

    private func apply(_ input: Input, to plan: Plan, defaults: Bool) throws {
        let existing = defaults ? nil : plan
        do {
            let terms = try PlanTerms.validate(
                name: input.name ?? existing?.name ?? "",
                cpu: input.cpu ?? existing.map { Double($0.cpuMillis) / 1000 } ?? 0,
                memoryMB: input.memoryMb ?? existing?.memoryMB ?? 0,
                storageMB: input.storageMb ?? existing?.storageMB ?? 1024,
                maxContainers: input.maxContainers ?? existing?.maxContainers ?? 0,
                pricePerHour: input.pricePerHour ?? existing?.pricePerHour ?? -1,
                monthlyPrice: input.monthlyPrice ?? existing?.monthlyPrice,
                autoscalingAllowed: input.autoscalingAllowed ?? existing?.autoscalingAllowed ?? false,
                logRetentionDays: input.logRetentionDays ?? existing?.logRetentionDays ?? 7)
            plan.name = terms.name
            plan.cpuMillis = terms.cpuMillis
            plan.memoryMB = terms.memoryMB
            plan.storageMB = terms.storageMB
            plan.maxContainers = terms.maxContainers
            plan.pricePerHour = terms.pricePerHour
            plan.monthlyPrice = terms.monthlyPrice
            plan.autoscalingAllowed = terms.autoscalingAllowed
            plan.logRetentionDays = terms.logRetentionDays
        } catch {
            throw AppError.invalid(error.field, error.message)
        }
        plan.sortOrder = input.sortOrder ?? existing?.sortOrder ?? 0
        if let archived = input.archived { plan.isArchived = archived }
    }

    private func save(_ plan: Plan) async throws {
        let clash = try await Plan.query(on: req.db).filter(\.$name == plan.name).all().contains { $0.id != plan.id }
        if clash { throw AppError.conflict("plan_name_taken", "A plan named \"\(plan.name)\" already exists.", field: "name") }
        do {
            try await plan.save(on: req.db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw AppError.conflict("plan_name_taken", "A plan named \"\(plan.name)\" already exists.", field: "name")
        }
    }
}
