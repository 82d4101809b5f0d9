import Fluent
import Vapor

/// `/api/paas/domains`: a client's hostnames across their apps.
struct DomainsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let domains = routes.grouped("api", "paas", "domains").grouped(RequireSignIn())
        domains.post(use: add)
        domains.get(use: list)
        domains.get(":id", use: show)
        domains.delete(":id", use: remove)
        domains.post(":id", "verify", use: verify)
    }

    @Sendable func add(req: Request) async throws -> Response {
        let domain = try await DomainService(req: req).add(try req.content.decode(DomainService.AddInput.self))
        let response = try await one(domain, req).encodeResponse(for: req)
        response.status = .created
        return response
    }

    /// All of the organization's hostnames, or one app's with `?app_id=`.
    @Sendable func list(req: Request) async throws -> [DomainDTO] {
        var appID: UUID?
        if let raw = req.query[String.self, at: "app_id"] {
            guard let id = UUID(uuidString: raw) else { throw AppError.invalid("app_id", "app_id is the id of one of your apps.") }
            appID = try await AppService(req: req).find(id).requireID()
        }
        return try await DomainQueries.dtos(try await DomainService(req: req).list(appID: appID), on: req.db)
    }

    @Sendable func show(req: Request) async throws -> DomainDTO {
        try await one(try await DomainService(req: req).find(req.idParameter("id", "Domain")), req)
    }

    @Sendable func remove(req: Request) async throws -> HTTPStatus {
        try await DomainService(req: req).remove(req.idParameter("id", "Domain"))
        return .noContent
    }

    @Sendable func verify(req: Request) async throws -> DomainDTO {
        try await one(try await DomainService(req: req).verify(req.idParameter("id", "Domain")), req)
    }

    private func one(_ domain: Domain, _ req: Request) async throws -> DomainDTO {
        try await DomainQueries.dtos([domain], on: req.db)[0]
    }
}
