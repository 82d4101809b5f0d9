import DockerEngine
import Fluent
import Foundation
import PaaSCore
import Vapor

/// An organization's apps: every query is scoped by the principal's organization, so another
/// organization's id is simply not found.
struct AppService {
    let req: Request

    struct CreateInput: Content {
        var name: String
        var planId: String
        var locationId: String
    }

    struct UpdateInput: Content {
        var planId: String?
        var healthCheckPath: String??
        var deployBranch: String?
        /// Moving to another location redeploys every process there.
        var locationId: String?
        /// Git URLs or platform buildpack names, run in order; an empty list means detection.
        var buildpacks: [String]?
    }

    func list() async throws -> [TenantApp] {
        try await TenantAppQueries.forOrganization(try req.requirePrincipal().organizationID, on: req.db)
    }

    func find(_ id: UUID) async throws -> TenantApp {
        let principal = try req.requirePrincipal()
        guard let app = try await TenantApp.query(on: req.db)
            .filter(\.$id == id)
            .filter(\.$organizationID == principal.organizationID)
            .with(\.$plan).with(\.$location)
            .first() else { throw AppError.notFound("App") }
        return app
    }

    func create(_ input: CreateInput) async throws -> TenantApp {
        let principal = try req.requirePrincipal()
        let name: String
        do { name = try AppName.validate(input.name) } catch { throw AppError.invalid(error.field, error.message) }
        let plan = try await offeredPlan(input.planId)
        let location = try await activeLocation(input.locationId)
        if try await TenantApp.query(on: req.db).filter(\.$name == name).first() != nil {
            throw AppError.conflict("app_name_taken", "The name \"\(name)\" is taken. App names are unique across the platform.", field: "name")
        }
        let settings = try await PlatformSettings.load(on: req.db, config: req.application.config)
        let hostname = try await DefaultDomain.hostname(app: name, location: location, settings: settings, on: req.db)
        let app = TenantApp()
        app.organizationID = principal.organizationID
        app.name = name
        app.$plan.id = try plan.requireID()
        app.$location.id = try location.requireID()
        app.status = "new"
        app.deployBranch = "main"
        app.formation = Formation.initial.json
        app.createdBy = principal.userID
        do {
            try await req.db.transaction { tx in
                try await app.create(on: tx)
                let domain = Domain()
                domain.organizationID = principal.organizationID
                domain.$app.id = try app.requireID()
                domain.hostname = hostname
                domain.isDefault = true
                domain.status = "active"
                domain.certStatus = "none"
                try await domain.create(on: tx)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw AppError.conflict("app_name_taken", "The name \"\(name)\" is taken. App names are unique across the platform.", field: "name")
        }
        app.$plan.value = plan
        app.$location.value = location
        try await req.audit("app.create", target: ("app", app.id!.uuidString), details: name)
        return app
    }

    func update(_ id: UUID, _ input: UpdateInput) async throws -> TenantApp {
        let app = try await find(id)
        if let planID = input.planId {
            let plan = try await offeredPlan(planID)
            app.$plan.id = try plan.requireID()
            app.$plan.value = plan
        }
        if let path = input.healthCheckPath {
            if let path, !(path.hasPrefix("/") && path.count <= 200 && !path.contains(where: { $0.isWhitespace || $0 == "'" || $0 == "\\" })) {
                throw AppError.invalid("health_check_path", "The health check path must start with / and contain no spaces or quotes, like /health.")
            }
            app.healthCheckPath = path
        }
        if let branch = input.deployBranch {
            guard GitBranchName.isValid(branch) else { throw AppError.invalid("deploy_branch", GitBranchName.rule) }
            app.deployBranch = branch
        }
        let moved = try await move(app, to: input.locationId)
        if let buildpacks = input.buildpacks {
            guard buildpacks.count <= 10 else { throw AppError.invalid("buildpacks", "An app can use at most 10 buildpacks.") }
            for raw in buildpacks {
                do { _ = try BuildpackSource.parse(raw, allowFile: req.application.config.builds.allowFileBuildpacks) } catch { throw AppError.invalid(error.field, error.message) }
            }
            app.buildpacks = buildpacks.isEmpty ? nil : buildpacks.joined(separator: "\n")
        }
        try await app.save(on: req.db)
        try await req.audit("app.update", target: ("app", id.uuidString), details: app.name + (moved ? " moved to \(app.location.slug)" : ""))
        // Limits, health checks and placement live in the service spec: re-apply so they take effect.
        if app.currentReleaseID != nil, input.planId != nil || input.healthCheckPath != nil || moved {
            try await AppDeployer(req: req).reapply(app)
        }
        // A plan change is billed at the new price from this moment on.
        if input.planId != nil || moved { try await UsageMeter.sync(app, on: req.db) }
        return app
    }

    /// Services first: if Docker cannot remove them, the app stays, so nothing runs unaccounted for.
    func delete(_ id: UUID) async throws {
        let app = try await find(id)
        do {
            try await req.orchestrator.removeServices(appID: id)
        } catch let error as DockerError {
            throw AppError.from(error)
        }
        try await req.db.transaction { tx in
            try await UsageMeter.close(appID: id, organizationID: app.organizationID, on: tx)
            try await app.delete(on: tx)
        }
        try await req.audit("app.delete", target: ("app", id.uuidString), details: app.name)
        // The organization's network goes with its last app in the next reconcile pass.
    }

    func domains(of app: TenantApp) async throws -> [Domain] {
        try await Domain.query(on: req.db).filter(\.$app.$id == app.requireID()).all()
    }

    func currentRelease(of app: TenantApp) async throws -> Release? {
        guard let id = app.currentReleaseID else { return nil }
        return try await Release.find(id, on: req.db)
    }

    func dto(_ app: TenantApp) async throws -> AppDTO {
        AppDTO(app, domains: try await domains(of: app), release: try await currentRelease(of: app))
    }

    private func offeredPlan(_ raw: String) async throws -> Plan {
        guard let id = UUID(uuidString: raw), let plan = try await Plan.find(id, on: req.db), !plan.isArchived else {
            throw AppError.invalid("plan_id", "Choose one of the plans on offer (GET /api/paas/plans).")
        }
        return plan
    }

    func activeLocation(_ raw: String) async throws -> Location {
        guard let id = UUID(uuidString: raw), let location = try await Location.find(id, on: req.db), location.isActive else {
            throw AppError.invalid("location_id", "Choose one of the active locations (GET /api/paas/locations).")
        }
        return location
    }
}
