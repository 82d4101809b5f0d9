import DockerEngine
import Fluent
import Foundation
import PaaSCore
import Vapor

/// Scale and restart, bounded by the plan and by what the location can place.
struct AppScaler {
    let req: Request

    func scale(_ app: TenantApp, to requested: [String: Int]) async throws -> Formation {
        guard !requested.isEmpty else { throw AppError.invalid("formation", "Send process types and quantities, like {\"web\": 2}.") }
        let plan = try await app.$plan.get(on: req.db)
        let release = try await AppService(req: req).currentRelease(of: app)
        let known = Set(AppDeployer.processCommands(release?.processTypes).keys)
        var formation = Formation(json: app.formation)
        var added = 0
        for (rawType, quantity) in requested {
            let type: String
            do { type = try ProcessType.validate(rawType) } catch { throw AppError.invalid(rawType, error.message) }
            guard known.contains(type) else {
                throw AppError.invalid(rawType, "This app has no \"\(type)\" process. Its processes: \(known.sorted().joined(separator: ", ")).")
            }
            guard (0...plan.maxContainers).contains(quantity) else {
                throw AppError.invalid(rawType, "The \(plan.name) plan allows 0 to \(plan.maxContainers) containers per process; you asked for \(quantity).")
            }
            added += max(0, quantity - formation.quantity(type))
            formation.quantities[type] = quantity
        }
        // Before the first deploy nothing runs, so nothing is charged yet.
        if added > 0, release != nil { try await WalletGuard.requireFunds(app.organizationID, to: "start more containers", on: req.db) }
        try await requireCapacity(app, plan: plan, additional: added)
        if release != nil { try await AppDeployer(req: req).requireDocker() }
        app.formation = formation.json
        if release != nil, formation.total == 0, app.suspendedAt == nil { app.status = "stopped" }
        try await app.save(on: req.db)
        try await req.audit("app.scale", target: ("app", app.id!.uuidString), details: formation.json)
        if release != nil {
            do {
                for (type, quantity) in requested {
                    let name = app.serviceName(type.lowercased())
                    try await req.orchestrator.scale(serviceName: name, replicas: app.suspendedQuantity(quantity))
                }
            } catch let error as DockerError {
                throw AppError.from(error)
            }
        }
        try await UsageMeter.sync(app, on: req.db)
        return formation
    }

    func restart(_ app: TenantApp) async throws {
        let names = AppDeployer.processCommands(try await AppService(req: req).currentRelease(of: app)?.processTypes).keys.map {
            app.serviceName($0)
        }
        do { try await req.orchestrator.restart(serviceNames: names) } catch let error as DockerError { throw AppError.from(error) }
        try await req.audit("app.restart", target: ("app", app.id!.uuidString), details: app.name)
    }

    /// Refuses containers the location's ready nodes cannot place (see `PlacementRoom`), naming the location.
    func requireCapacity(_ app: TenantApp, plan: Plan, additional: Int) async throws {
        guard additional > 0 else { return }
        let location = try await app.$location.get(on: req.db)
        let nodes = try await WorkerNode.query(on: req.db).filter(\.$location.$id == location.requireID()).filter(\.$status == "ready").all()
        guard !nodes.isEmpty else {
            throw AppError(.unprocessableEntity, code: "no_capacity", "\(location.name) has no ready nodes right now, so nothing can be placed there. Try again later or ask your provider.", field: "location_id")
        }
        let apps = try await TenantApp.query(on: req.db).filter(\.$location.$id == location.requireID()).filter(\.$suspendedAt == nil).with(\.$plan).all()
        let overcommit = HardenedServiceSpec.cpuOvercommit
        let room = PlacementRoom.containers(
            nodes: nodes.map { .init(memoryCapacityMB: $0.memoryCapacityMB, memoryAllocatedMB: $0.memoryAllocatedMB,
                                     cpuCapacityMillis: $0.cpuCapacityMillis, cpuAllocatedMillis: $0.cpuAllocatedMillis) },
            committedMemoryMB: apps.reduce(0) { $0 + Int64(Formation(json: $1.formation).total) * $1.plan.memoryMB },
            committedCPUMillis: apps.reduce(0) { $0 + Int64(Formation(json: $1.formation).total) * $1.plan.cpuMillis / overcommit },
            memoryMB: plan.memoryMB, cpuMillis: plan.cpuMillis / overcommit)
        if room < additional {
            throw AppError(.unprocessableEntity, code: "no_capacity",
                           "\(location.name) has room for \(room) more \(plan.name) containers right now; you asked for \(additional) more.", field: "location_id")
        }
    }
}
