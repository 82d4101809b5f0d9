import Vapor

struct AdminAddonPlansAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let plans = routes.grouped("api", "admin", "paas", "addon-plans").grouped(RequireSignIn(adminOnly: true))
        plans.get(use: list)
        plans.post(use: create)
        plans.patch(":id", use: update)
        plans.delete(":id", use: delete)
    }

    @Sendable func list(req: Request) async throws -> [AddonPlanDTO] {
        try await AddonPlanQueries.all(on: req.db).map(AddonPlanDTO.init)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let plan = try await AddonPlanService(req: req).create(try req.content.decode(AddonPlanService.Input.self))
        let response = try await AddonPlanDTO(plan).encodeResponse(for: req)
        response.status = .created
        return response
    }

    @Sendable func update(req: Request) async throws -> AddonPlanDTO {
        let id = try req.idParameter("id", "Addon plan")
        return AddonPlanDTO(try await AddonPlanService(req: req).update(id: id, try req.content.decode(AddonPlanService.Input.self)))
    }

    /// 204 when deleted; 200 with the plan when it was archived because addons still use it.
    @Sendable func delete(req: Request) async throws -> Response {
        guard let archived = try await AddonPlanService(req: req).delete(id: req.idParameter("id", "Addon plan")) else {
            return Response(status: .noContent)
        }
        return try await AddonPlanDTO(archived).encodeResponse(for: req)
    }
}
