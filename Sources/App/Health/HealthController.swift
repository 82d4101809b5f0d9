import Fluent
import SQLKit
import Vapor

struct HealthController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("healthz", use: health)
        routes.get("metrics", use: metrics)
    }

    struct HealthBody: Content {
        let status: String
        let database: String
    }

    /// Healthy means the database answers; a load balancer takes the node out otherwise.
    @Sendable func health(req: Request) async throws -> Response {
        do {
            _ = try await (req.db as? any SQLDatabase)?.raw("SELECT 1 AS ok").first()
            return try await HealthBody(status: "ok", database: "ok").encodeResponse(for: req)
        } catch {
            req.logger.warning("health check: database unreachable: \(error)")
            let response = try await HealthBody(status: "unavailable", database: "unreachable").encodeResponse(for: req)
            response.status = .serviceUnavailable
            return response
        }
    }

    @Sendable func metrics(req: Request) async throws -> Response {
        let response = Response(status: .ok, body: .init(string: req.application.metrics.render()))
        response.headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        return response
    }
}
