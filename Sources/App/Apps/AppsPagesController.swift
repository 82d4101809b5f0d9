import Fluent
import Vapor

struct AppsPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("apps").grouped(RequireSignIn(redirectToLogin: true)).get(use: list)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let model = AppsViews.ListModel(
            apps: try await TenantAppQueries.forOrganization(principal.organizationID, on: req.db),
            plans: try await PlanQueries.offered(on: req.db),
            locations: try await LocationQueries.active(on: req.db),
            currency: req.application.config.currency)
        return AppsViews.list(model).response(for: req)
    }
}
