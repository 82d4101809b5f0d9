import Vapor

/// `/api/admin/paas/*`: platform administrators only. The catch-all answers clients 403 on any
/// path under it, so probing reveals nothing about which admin endpoints exist.
struct AdminAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("api", "admin", "paas").grouped(RequireSignIn(adminOnly: true))
        admin.get("metrics", use: metrics)
        admin.on(.GET, "**", use: notFound)
        admin.on(.POST, "**", use: notFound)
        admin.on(.PATCH, "**", use: notFound)
        admin.on(.PUT, "**", use: notFound)
        admin.on(.DELETE, "**", use: notFound)
    }

    @Sendable func metrics(req: Request) async throws -> PlatformSummary {
        try await PlatformSummary.load(on: req.db)
    }

    @Sendable func notFound(req: Request) async throws -> Response {
        throw AppError(.notFound, code: "not_found", "Nothing here: \(req.method.rawValue) \(req.url.path) does not exist.")
    }
}
