import Vapor

struct AdminPlansAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let plans = routes.grouped("api", "admin", "paas", "plans").grouped(RequireSignIn(adminOnly: true))
        plans.get(use: list)
        plans.post(use: create)
        plans.patch(":id", use: update)
        plans.delete(":id", use: delete)
    }

    @Sendable func list(req: Request) async throws -> [PlanDTO] {
        try await PlanQueries.all(on: req.db).map(PlanDTO.init)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let plan = try await PlanService(req: req).create(try req.content.decode(PlanService.Input.self))
        let response = try await PlanDTO(plan).encodeResponse(for: req)
        response.status = .created
        return response
    }

    @Sendable func update(req: Request) async throws -> PlanDTO {
        let id = try req.idParameter("id", "Plan")
        return PlanDTO(try await PlanService(req: req).update(id: id, try req.content.decode(PlanService.Input.self)))
    }

    /// 204 when deleted; 200 with the plan when it was archived because apps still use it.
    @Sendable func delete(req: Request) async throws -> Response {
        guard let archived = try await PlanService(req: req).delete(id: req.idParameter("id", "Plan")) else {
            return Response(status: .noContent)
        }
        return try await PlanDTO(archived).encodeResponse(for: req)
    }
}
