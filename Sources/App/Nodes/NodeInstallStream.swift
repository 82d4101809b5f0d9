import Foundation
import Vapor

/// `GET /api/admin/paas/nodes/:id/install/stream`: the running install's output as Server-Sent
/// Events, one `data:` line per script line, then an `event: end` carrying the node's status.
enum NodeInstallStream {
    @Sendable static func stream(req: Request) async throws -> Response {
        let id = try req.idParameter("id", "Node")
        let node = try await NodeService(req: req).find(id)
        // No run since the control plane started: the stored log is replayed.
        let stored = node.installLog
        let db = req.db
        return EventStream.log(live: req.application.installLogs.subscribe(id)) {
            (stored, try await WorkerNode.find(id, on: db).map { $0.status } ?? "removed")
        }
    }
}
