import Fluent
import Foundation
import Vapor

/// `GET /api/paas/apps/:id/deployments/:deployment/log`: a build's log as Server-Sent Events, one
/// `data:` line per log line, live while it runs, then `event: end` with the final status.
enum DeploymentLogStream {
    @Sendable static func stream(req: Request) async throws -> Response {
        let app = try await AppService(req: req).find(req.idParameter("id", "App"))
        let id = try req.idParameter("deployment", "Deployment")
        guard try await Deployment.query(on: req.db).filter(\.$id == id).filter(\.$app.$id == app.requireID()).first() != nil else {
            throw AppError.notFound("Deployment")
        }
        let db = req.db
        return EventStream.log(live: await req.application.buildLogs.follow(id)) {
            // A finished build's whole log is on its row.
            let row = try await Deployment.find(id, on: db)
            return (row?.log ?? "", row?.status ?? "unknown")
        }
    }
}
