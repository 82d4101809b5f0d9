import Fluent
import Vapor

/// The client's app pages. Every change goes through the same use cases as the JSON API
/// (AppService, AppDeployer, AppScaler, ConfigVarService, AppStatusView); a refused change
/// re-renders the page with its status and message, a successful one redirects with a flash.
struct AppsPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let apps = routes.grouped("apps").grouped(RequireSignIn(redirectToLogin: true))
        apps.get(use: list)
        apps.get("new", use: new)
        apps.post(use: create)
        apps.get(":id", use: show)
        apps.get(":id", "logs", use: logs)
        apps.post(":id", "deploy", use: deploy)
        apps.post(":id", "build", use: build)
        apps.post(":id", "scale", use: scale)
        apps.post(":id", "restart", use: restart)
        apps.post(":id", "config-vars", use: setConfigVar)
        apps.post(":id", "config-vars", ":key", "delete", use: unsetConfigVar)
        apps.post(":id", "settings", use: settings)
        apps.post(":id", "delete", use: delete)
    }

    // MARK: list and create

    @Sendable func list(req: Request) async throws -> Response {
        let model = AppsViews.ListModel(
            apps: try await AppService(req: req).list(),
            plans: try await PlanQueries.offered(on: req.db),
            locations: try await LocationQueries.active(on: req.db),
            currency: req.application.config.currency,
            billing: try await BillingSummary.load(organizationID: try req.requirePrincipal().organizationID, days: 1, on: req.db))
        return AppsViews.list(model).response(for: req)
    }

    @Sendable func new(req: Request) async throws -> Response {
        try await createPage(req, form: AppCreateForm(), errors: [:]).response(for: req)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let form = try req.content.decode(AppCreateForm.self)
        do {
            let app = try await AppService(req: req).create(form.input)
            return req.redirect(to: "/apps/\(app.id!.uuidString.lowercased())", flash: .success,
                                "\(app.name) was created. Deploy an image to start it.")
        } catch {
            let failure = try Self.presentable(error, req)
            let key = failure.field.map { Self.createFields.contains($0) ? $0 : "form" } ?? "form"
            var page = try await createPage(req, form: form, errors: [key: failure.message])
            page.status = failure.status
            return page.response(for: req)
        }
    }

    private static let createFields: Set<String> = ["name", "plan_id", "location_id"]

    private func createPage(_ req: Request, form: AppCreateForm, errors: [String: String]) async throws -> Page {
        AppPageViews.create(.init(
            form: form, errors: errors,
            plans: try await PlanQueries.offered(on: req.db),
            locations: try await LocationQueries.active(on: req.db),
            currency: req.application.config.currency))
    }

    // MARK: the app page

    @Sendable func show(req: Request) async throws -> Response {
        try await showPage(req, app: try await find(req)).response(for: req)
    }

    @Sendable func logs(req: Request) async throws -> Response {
        let app = try await find(req)
        let id = app.id!.uuidString.lowercased()
        return AppPageViews.logs(.init(id: id, name: app.name, status: app.status, deployed: app.currentReleaseID != nil,
                                       streamURL: "/api/paas/apps/\(id)/logs?lines=200")).response(for: req)
    }

    @Sendable func deploy(req: Request) async throws -> Response {
        let form = try req.content.decode(AppDeployForm.self)
        var forms = AppPageForms()
        forms.image = form.image ?? ""
        return try await act(req, forms: forms, fieldKey: { $0 == "image" ? "image" : nil }) { app in
            let (release, _) = try await AppDeployer(req: req).deploy(app, image: form.image ?? "")
            return "Deployed \(release.image) as v\(release.version)."
        }
    }

    /// Builds a branch's last push again; the deployment page then follows its log.
    @Sendable func build(req: Request) async throws -> Response {
        let form = try req.content.decode(AppBuildForm.self)
        var forms = AppPageForms()
        forms.branch = form.branch
        let app = try await find(req)
        do {
            let queued = try await GitBuildStart(req: req, app: app).branch(form.branch)
            return req.redirect(to: "/apps/\(app.id!.uuidString.lowercased())/deployments/\(try queued.deployment.requireID().uuidString.lowercased())",
                                flash: .success, "Building \(queued.commit.prefix(7)) of \(queued.branch).")
        } catch {
            return try await refused(req, app: app, error: error, forms: forms, fieldKey: { $0 == "branch" ? "branch" : nil })
        }
    }

    @Sendable func scale(req: Request) async throws -> Response {
        let form = try req.content.decode(AppScaleForm.self)
        let process = form.process ?? ""
        var forms = AppPageForms()
        forms.scale[process] = form.quantity ?? ""
        // Every refusal that names a field (the process, or the location's capacity) belongs to this control.
        return try await act(req, forms: forms, fieldKey: { _ in "scale.\(process)" }) { app in
            let formation = try await AppScaler(req: req).scale(app, to: try form.formation())
            let count = formation.quantity(process.lowercased())
            let containers = count == 1 ? "1 container" : "\(count) containers"
            return app.currentReleaseID == nil
                ? "\(process) is set to \(containers); they start with the first deploy."
                : "\(process) now runs \(containers)."
        }
    }

    @Sendable func restart(req: Request) async throws -> Response {
        try await act(req, fieldKey: { _ in nil }) { app in
            try await AppScaler(req: req).restart(app)
            return app.currentReleaseID == nil
                ? "Nothing runs yet, so there was nothing to restart."
                : "\(app.name) is restarting: Swarm replaces its containers one by one."
        }
    }

    @Sendable func setConfigVar(req: Request) async throws -> Response {
        let form = try req.content.decode(AppConfigVarForm.self)
        var forms = AppPageForms()
        forms.configKey = form.key ?? ""
        forms.configValue = form.value ?? ""
        return try await act(req, forms: forms, fieldKey: { _ in "key" }) { app in
            let changes = try form.changes()
            _ = try await ConfigVarService(req: req).update(app, changes: changes)
            let key = changes.keys.first ?? ""
            return app.currentReleaseID == nil ? "\(key) was set." : "\(key) was set; a new release rolls it out."
        }
    }

    @Sendable func unsetConfigVar(req: Request) async throws -> Response {
        let key = req.parameters.get("key") ?? ""
        return try await act(req, fieldKey: { _ in nil }) { app in
            _ = try await ConfigVarService(req: req).update(app, changes: [key: nil])
            return app.currentReleaseID == nil ? "\(key) was removed." : "\(key) was removed; a new release rolls it out."
        }
    }

    @Sendable func settings(req: Request) async throws -> Response {
        let form = try req.content.decode(AppSettingsForm.self)
        var forms = AppPageForms()
        forms.settings = form
        return try await act(req, forms: forms, fieldKey: { ["plan_id", "health_check_path", "buildpacks"].contains($0) ? $0 : nil }) { app in
            let input = form.input(for: app)
            guard input.planId != nil || input.healthCheckPath != nil || input.buildpacks != nil else { return "Nothing changed." }
            let updated = try await AppService(req: req).update(app.requireID(), input)
            return updated.currentReleaseID == nil ? "Settings saved." : "Settings saved and applied to the running containers."
        }
    }

    @Sendable func delete(req: Request) async throws -> Response {
        let app = try await find(req)
        do {
            try await AppService(req: req).delete(app.requireID())
        } catch {
            return try await refused(req, app: app, error: error, forms: AppPageForms(), fieldKey: { _ in nil })
        }
        return req.redirect(to: "/apps", flash: .success, "\(app.name) was deleted; nothing of it runs any more.")
    }

    // MARK: helpers

    private func find(_ req: Request) async throws -> TenantApp {
        try await AppService(req: req).find(req.idParameter("id", "App"))
    }

    /// Runs one change on the app: success redirects to its page with the returned message;
    /// a refusal re-renders the page with the message, on the field `fieldKey` picks when the
    /// error names one, keeping the error's status.
    private func act(_ req: Request, forms: AppPageForms = AppPageForms(), fieldKey: @escaping (String) -> String?,
                     _ change: (TenantApp) async throws -> String) async throws -> Response {
        let app = try await find(req)
        let message: String
        do {
            message = try await change(app)
        } catch {
            return try await refused(req, app: app, error: error, forms: forms, fieldKey: fieldKey)
        }
        return req.redirect(to: "/apps/\(app.id!.uuidString.lowercased())", flash: .success, message)
    }

    private func refused(_ req: Request, app: TenantApp, error: any Error, forms: AppPageForms,
                         fieldKey: (String) -> String?) async throws -> Response {
        let failure = try Self.presentable(error, req)
        let key = failure.field.flatMap(fieldKey) ?? "page"
        // The use case may have changed the model in memory before it was refused: show what is stored.
        let stored = try await AppService(req: req).find(app.requireID())
        var page = try await showPage(req, app: stored, forms: forms, errors: [key: failure.message])
        page.status = failure.status
        return page.response(for: req)
    }

    /// Errors a person can act on come back to be shown on the page; a 404 (the app is gone or
    /// not theirs) and unexpected failures go on to the error page.
    private static func presentable(_ error: any Error, _ req: Request) throws -> AppError {
        let failure = AppErrorMiddleware.describe(error, request: req)
        guard failure.status != .internalServerError, failure.status != .notFound else { throw error }
        return failure
    }

    private func showPage(_ req: Request, app: TenantApp, forms: AppPageForms = AppPageForms(), errors: [String: String] = [:]) async throws -> Page {
        let appID = try app.requireID()
        let detail = try await AppStatusView(req: req).detail(app)
        let release = try await AppService(req: req).currentRelease(of: app)
        let formation = Formation(json: app.formation)
        // Processes of the current release (or `web` before the first deploy), with Swarm's tasks when known.
        let types = Set(AppDeployer.processCommands(release?.processTypes).keys).union(detail.processes.map(\.type))
        let processes = types.sorted().map { type in
            AppPageViews.ProcessRow(type: type, quantity: formation.quantity(type),
                                    tasks: detail.processes.first { $0.type == type }?.tasks ?? [])
        }
        let nodeIDs = Set(processes.flatMap { $0.tasks.compactMap(\.nodeId) })
        var nodeNames: [String: String] = [:]
        if !nodeIDs.isEmpty {
            for node in try await WorkerNode.query(on: req.db).filter(\.$swarmNodeID ~~ Array(nodeIDs)).all() {
                if let swarmID = node.swarmNodeID { nodeNames[swarmID] = node.name }
            }
        }
        var plans = try await PlanQueries.offered(on: req.db)
        if !plans.contains(where: { $0.id == app.$plan.id }) { plans.insert(app.plan, at: 0) }
        let config = try await ConfigVarService(req: req).values(of: app)
        return AppPageViews.show(.init(
            app: app,
            detail: detail,
            processes: processes,
            nodeNames: nodeNames,
            configVars: config.keys.sorted().map { ($0, config[$0]!) },
            releases: try await ReleaseQueries.history(of: appID, limit: 20, on: req.db),
            deployments: try await DeploymentQueries.history(of: appID, limit: 20, on: req.db),
            git: .init(appName: app.name, remote: "\(req.application.config.publicURL)/git/\(app.name).git", deployBranch: app.deployBranch),
            plans: plans,
            currency: req.application.config.currency,
            forms: forms,
            errors: errors))
    }
}
