import Fluent
import Vapor

struct AdminPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("admin").grouped(RequireSignIn(adminOnly: true, redirectToLogin: true))
        admin.get(use: overview)
        admin.get("apps", use: apps)
        admin.get("builds", use: builds)
    }

    @Sendable func overview(req: Request) async throws -> Response {
        let model = AdminViews.OverviewModel(
            summary: try await PlatformSummary.load(on: req.db),
            activity: try await ActivityQueries.recent(limit: 20, on: req.db),
            currency: req.application.config.currency)
        return AdminViews.overview(model).response(for: req)
    }

    @Sendable func apps(req: Request) async throws -> Response {
        let apps = try await TenantAppQueries.all(on: req.db)
        let organizations = try await Organization.query(on: req.db).all()
        let names = Dictionary(organizations.map { ($0.id!, $0.name) }, uniquingKeysWith: { first, _ in first })
        return AdminViews.apps(apps.map { ($0, names[$0.organizationID] ?? "—") }).response(for: req)
    }

    @Sendable func builds(req: Request) async throws -> Response {
        let deployments = try await Deployment.query(on: req.db).with(\.$app).sort(\.$createdAt, .descending).limit(100).all()
        return AdminViews.builds(deployments).response(for: req)
    }
}
