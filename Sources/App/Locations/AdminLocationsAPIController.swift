import Vapor

struct AdminLocationsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let locations = routes.grouped("api", "admin", "paas", "locations").grouped(RequireSignIn(adminOnly: true))
        locations.get(use: list)
        locations.post(use: create)
        locations.patch(":id", use: update)
        locations.delete(":id", use: delete)
    }

    @Sendable func list(req: Request) async throws -> [LocationDTO] {
        try await LocationQueries.all(on: req.db).map(LocationDTO.init)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let location = try await LocationService(req: req).create(try req.content.decode(LocationService.Input.self))
        let response = try await LocationDTO(location).encodeResponse(for: req)
        response.status = .created
        return response
    }

    @Sendable func update(req: Request) async throws -> LocationDTO {
        let id = try req.idParameter("id", "Location")
        return LocationDTO(try await LocationService(req: req).update(id: id, try req.content.decode(LocationService.Input.self)))
    }

    @Sendable func delete(req: Request) async throws -> HTTPStatus {
        try await LocationService(req: req).delete(id: req.idParameter("id", "Location"))
        return .noContent
    }
}
