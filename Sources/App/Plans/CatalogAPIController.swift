import Vapor

/// What a client chooses from when creating an app.
struct CatalogAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let paas = routes.grouped("api", "paas").grouped(RequireSignIn())
        paas.get("plans", use: plans)
        paas.get("addon-plans", use: addonPlans)
        paas.get("locations", use: locations)
    }

    @Sendable func plans(req: Request) async throws -> [PlanDTO] {
        try await PlanQueries.offered(on: req.db).map(PlanDTO.init)
    }

    @Sendable func addonPlans(req: Request) async throws -> [AddonPlanDTO] {
        try await AddonPlanQueries.offered(on: req.db).map(AddonPlanDTO.init)
    }

    @Sendable func locations(req: Request) async throws -> [LocationDTO] {
        try await LocationQueries.offered(on: req.db).map(LocationDTO.init)
    }
}
