import Fluent
import Foundation
import PaaSCore
import SQLKit
import Vapor

/// Admin use cases for addon plans, shared by the API and the pages.
struct AddonPlanService {
    let req: Request

    /// Every field optional so one type serves create (all given) and PATCH (some given). The
    /// nullable columns are double optionals: `"cpu": null` removes the limit, leaving the key out keeps it.
    struct Input: Content {
        var kind: String?
        var name: String?
        var description: String??
        var cpu: Double??
        var memoryMb: Int64?
        var storageMb: Int64?
        var maxConnections: Int??
        var pricePerHour: Int64?
        var monthlyPrice: Int64??
        var sortOrder: Int??
        var archived: Bool?

        init() {}

        enum CodingKeys: String, CodingKey {
            case kind, name, description, cpu, memoryMb, storageMb, maxConnections, pricePerHour, monthlyPrice, sortOrder, archived
        }

        /// Synthesized decoding cannot tell null from absent, and reports 1.5 for an integer without
        /// naming the field.
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            kind = try c.decodeIfPresent(String.self, forKey: .kind)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            if c.contains(.description) { description = .some(try c.decodeIfPresent(String.self, forKey: .description)) }
            if c.contains(.cpu) { cpu = .some(try c.decodeIfPresent(Double.self, forKey: .cpu)) }
            memoryMb = try c.decodeWholeNumberIfPresent(Int64.self, forKey: .memoryMb)
            storageMb = try c.decodeWholeNumberIfPresent(Int64.self, forKey: .storageMb)
            if c.contains(.maxConnections) { maxConnections = .some(try c.decodeWholeNumberIfPresent(Int.self, forKey: .maxConnections)) }
            pricePerHour = try c.decodeWholeNumberIfPresent(Int64.self, forKey: .pricePerHour)
            if c.contains(.monthlyPrice) { monthlyPrice = .some(try c.decodeWholeNumberIfPresent(Int64.self, forKey: .monthlyPrice)) }
            if c.contains(.sortOrder) { sortOrder = .some(try c.decodeWholeNumberIfPresent(Int.self, forKey: .sortOrder)) }
            archived = try c.decodeIfPresent(Bool.self, forKey: .archived)
        }
    }

    func create(_ input: Input) async throws -> AddonPlan {
        let required: [(String, Any?)] = [("kind", input.kind), ("name", input.name), ("memory_mb", input.memoryMb),
                                          ("storage_mb", input.storageMb), ("price_per_hour", input.pricePerHour)]
        for (field, value) in required where value == nil {
            throw AppError(.unprocessableEntity, code: "missing_field", "'\(field)' is required.", field: field)
        }
        let plan = AddonPlan()
        plan.isArchived = false
        try apply(input, to: plan, defaults: true)
        try await save(plan)
        try await req.audit("addon_plan.create", target: ("addon_plan", plan.id!.uuidString), details: "\(plan.kind): \(plan.name)")
        return plan
    }

    func update(id: UUID, _ input: Input) async throws -> AddonPlan {
        let plan = try await find(id)
        let kindBefore = plan.kind
        try apply(input, to: plan, defaults: false)
        // Addons copy their plan's kind: moving a used plan to another engine would misdescribe them.
        if plan.kind != kindBefore, try await addonCount(id) > 0 {
            throw AppError.conflict("addon_plan_in_use", "Addons use this plan, so its kind cannot change.", field: "kind")
        }
        try await save(plan)
        try await req.audit("addon_plan.update", target: ("addon_plan", id.uuidString), details: "\(plan.kind): \(plan.name)")
        return plan
    }

    /// A plan that any addon still uses is archived instead: its addons keep their limits and prices.
    /// Returns the archived plan, or nil when it was deleted.
    func delete(id: UUID) async throws -> AddonPlan? {
        let plan = try await find(id)
        let users = try await addonCount(id)
        if users > 0 {
            plan.isArchived = true
            try await plan.save(on: req.db)
            try await req.audit("addon_plan.archive", target: ("addon_plan", id.uuidString), details: "\(plan.name): in use by \(users) addons")
            return plan
        }
        try await plan.delete(on: req.db)
        try await req.audit("addon_plan.delete", target: ("addon_plan", id.uuidString), details: "\(plan.kind): \(plan.name)")
        return nil
    }

    func find(_ id: UUID) async throws -> AddonPlan {
        guard let plan = try await AddonPlan.find(id, on: req.db) else { throw AppError.notFound("Addon plan") }
        return plan
    }

    /// Raw SQL because addons have no model yet; the foreign key is what matters here.
    private func addonCount(_ id: UUID) async throws -> Int {
        try await req.db.sql().raw("SELECT COUNT(*) AS n FROM paas_addons WHERE addon_plan_id = \(bind: id)")
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }

    private func apply(_ input: Input, to plan: AddonPlan, defaults: Bool) throws {
        let existing = defaults ? nil : plan
        do {
            let terms = try AddonPlanTerms.validate(
                kind: input.kind ?? existing?.kind ?? "",
                name: input.name ?? existing?.name ?? "",
                description: input.description ?? existing?.description,
                cpu: input.cpu ?? existing?.cpuMillis.map { Double($0) / 1000 },
                memoryMB: input.memoryMb ?? existing?.memoryMB ?? 0,
                storageMB: input.storageMb ?? existing?.storageMB ?? -1,
                maxConnections: input.maxConnections ?? existing?.maxConnections,
                pricePerHour: input.pricePerHour ?? existing?.pricePerHour ?? -1,
                monthlyPrice: input.monthlyPrice ?? existing?.monthlyPrice)
            plan.kind = terms.kind
            plan.name = terms.name
            plan.description = terms.description
            plan.cpuMillis = terms.cpuMillis
            plan.memoryMB = terms.memoryMB
            plan.storageMB = terms.storageMB
            plan.maxConnections = terms.maxConnections
            plan.pricePerHour = terms.pricePerHour
            plan.monthlyPrice = terms.monthlyPrice
        } catch {
            throw AppError.invalid(error.field, error.message)
        }
        plan.sortOrder = input.sortOrder ?? existing?.sortOrder
        if let archived = input.archived { plan.isArchived = archived }
    }

    private func save(_ plan: AddonPlan) async throws {
        let taken = AppError.conflict("addon_plan_name_taken", "A \(plan.kind) plan named \"\(plan.name)\" already exists.", field: "name")
        let clash = try await AddonPlan.query(on: req.db).filter(\.$kind == plan.kind).filter(\.$name == plan.name).all()
            .contains { $0.id != plan.id }
        if clash { throw taken }
        do {
            try await plan.save(on: req.db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw taken
        }
    }
}
