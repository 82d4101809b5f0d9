import Vapor

struct TokenAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let tokens = routes.grouped("api", "tokens").grouped(RequireSignIn())
        tokens.get(use: list)
        tokens.post(use: create)
        tokens.delete(":id", use: revoke)
    }

    struct CreateBody: Content {
        let name: String
        let expiresInDays: Int?
    }

    struct CreatedBody: Content {
        let token: String
        let id: String
        let name: String
        let prefix: String
        let expiresAt: Date?
    }

    @Sendable func list(req: Request) async throws -> [TokenDTO] {
        try await TokenService(req: req).list().map(TokenDTO.init)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let body = try req.content.decode(CreateBody.self)
        let (value, token) = try await TokenService(req: req).create(name: body.name, expiresInDays: body.expiresInDays)
        let response = try await CreatedBody(token: value, id: token.id!.uuidString.lowercased(), name: token.name, prefix: token.prefix, expiresAt: token.expiresAt).encodeResponse(for: req)
        response.status = .created
        return response
    }

    @Sendable func revoke(req: Request) async throws -> HTTPStatus {
        try await TokenService(req: req).revoke(id: req.idParameter("id", "Token"))
        return .noContent
    }
}
