import DockerEngine
import Fluent
import Foundation
import PaaSCore
import Vapor

/// What runs right now: Swarm's tasks grouped by process, with the status derived from them.
struct AppStatusView {
    let req: Request

    func detail(_ app: TenantApp) async throws -> AppDetailDTO {
        let service = AppService(req: req)
        var dto = try await service.dto(app)
        let formation = Formation(json: app.formation)
        // A first release still on its way to healthy is not current yet, but its tasks already
        // start: show them, so a client can watch the rollout.
        var release = try await service.currentRelease(of: app)
        if release == nil {
            release = try await Release.query(on: req.db).filter(\.$app.$id == app.requireID())
                .filter(\.$status == "releasing").sort(\.$version, .descending).first()
        }
        let types = release == nil ? [] : AppDeployer.processCommands(release?.processTypes).keys.sorted()
        var processes: [AppDetailDTO.ProcessDTO] = []
        var dockerError: String?
        do {
            let tasks = release == nil ? [] : try await req.orchestrator.tasks(appID: app.requireID())
            let services = release == nil ? [] : try await req.orchestrator.services(appID: app.requireID())
            for type in types {
                let name = app.serviceName(type)
                let serviceID = services.first { $0.spec.name == name }?.id
                let own = tasks.filter { $0.serviceID != nil && $0.serviceID == serviceID }
                    .sorted { ($0.updatedAt ?? "") > ($1.updatedAt ?? "") }
                    .prefix(20)
                processes.append(.init(type: type, quantity: formation.quantity(type), service: name, tasks: own.map(Self.task)))
            }
            let live = Self.status(app: app, hasRelease: release != nil, formation: formation, tasks: tasks)
            if live != app.status {
                app.status = live
                try await app.save(on: req.db)
                dto = try await service.dto(app)
            }
        } catch let error as DockerError {
            dockerError = AppError.from(error).message
        }
        var detail = AppDetailDTO(app: dto, processes: processes, dockerError: dockerError)
        detail.events = try await ActivityLog.query(on: req.db)
            .filter(\.$targetType == "app").filter(\.$targetID == app.requireID().uuidString)
            .sort(\.$createdAt, .descending).limit(20).all()
            .map { .init(action: $0.action, details: $0.details, createdAt: $0.createdAt) }
        return detail
    }

    static func task(_ task: SwarmTask) -> AppDetailDTO.TaskDTO {
        .init(id: task.id, state: task.state?.rawValue ?? "unknown", desiredState: task.desiredState?.rawValue ?? "unknown",
              nodeId: task.nodeID, addresses: task.addresses(), containerId: task.status?.containerID,
              error: task.status?.err, message: task.status?.message, updatedAt: task.updatedAt)
    }

    static func status(app: TenantApp, hasRelease: Bool, formation: Formation, tasks: [SwarmTask]) -> String {
        guard hasRelease else { return "new" }
        if app.suspendedAt != nil { return "suspended" }
        if formation.total == 0 { return "stopped" }
        let running = tasks.filter { $0.isRunning && $0.desiredState == .running }.count
        if running >= formation.total { return "running" }
        let failing = tasks.contains { [.failed, .rejected].contains($0.state) && $0.desiredState != .shutdown }
            || tasks.filter { $0.state == .failed }.count >= 3
        return failing && running == 0 ? "crashed" : "deploying"
    }
}
