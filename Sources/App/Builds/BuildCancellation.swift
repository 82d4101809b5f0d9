import Fluent
import Foundation
import Vapor

/// Stopping a queued or running build from the API or the page.
struct BuildCancellation {
    let req: Request

    func cancel(_ app: TenantApp, deployment id: UUID) async throws -> Deployment {
        guard let deployment = try await Deployment.query(on: req.db).filter(\.$id == id).filter(\.$app.$id == app.requireID()).first() else {
            throw AppError.notFound("Deployment")
        }
        guard ["queued", "building"].contains(deployment.status) else {
            throw AppError.conflict("build_not_running", "This deployment is \(deployment.status); only a queued or running build can be cancelled.")
        }
        if await req.application.buildQueue.cancel(id) {
            // The build notices at its next step; give it a moment so the answer shows the outcome.
            for _ in 0..<20 where await req.application.buildLogs.isRunning(id) { try await Task.sleep(for: .milliseconds(250)) }
        } else {
            // Not running in this process: left over from before a restart.
            deployment.status = "cancelled"
            deployment.error = "The build was cancelled."
            deployment.finishedAt = Date()
            try await deployment.save(on: req.db)
        }
        try await req.audit("app.build_cancel", target: ("app", try app.requireID().uuidString), details: id.uuidString)
        return try await Deployment.find(id, on: req.db) ?? deployment
    }
}
