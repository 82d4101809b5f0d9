import Fluent
import Foundation
import PaaSCore
import Vapor

/// The automatic install: connects to the node with the admin's password, uploads the script,
/// runs it and streams its output to the node page. The password is held by this run's task
/// only; it is never written to the database, the log or an activity entry.
struct NodeInstaller {
    let app: Application
    static let logLimit = 200_000

    /// Marks the node `installing` and starts the run in the background; the request returns at once.
    func start(nodeID: UUID, password: String, request: Request?) async throws {
        guard let node = try await WorkerNode.find(nodeID, on: app.db) else { throw AppError.notFound("Node") }
        if app.installLogs.isRunning(nodeID) || node.status == NodeStatus.installing {
            throw AppError.conflict("node_installing", "\(node.name) is already being installed; follow the output on its page.")
        }
        guard NodeLifecycle.canInstall(node.status) else {
            throw AppError.conflict("node_installed", "\(node.name) is \(node.status): only a node that is pending or down can be installed.")
        }
        // A fresh registration token for this run; the admin's earlier link stops working.
        let issued = try NodeTickets.issue(for: node, box: app.secretBox)
        node.status = NodeStatus.installing
        node.installMethod = "ssh"
        node.lastError = nil
        node.installLog = nil
        try await node.save(on: app.db)
        if let request {
            try await request.audit("node.install", target: ("node", nodeID.uuidString), details: "name=\(node.name) method=ssh")
        }
        let script = try await NodeScriptRenderer(app: app, db: app.db)
            .script(for: node, location: node.$location.get(on: app.db), registrationToken: issued.registrationToken)
        app.installLogs.start(nodeID)
        let app = self.app
        Task.detached {
            await NodeInstallRun(app: app, nodeID: nodeID, script: script).run(
                target: .init(host: node.ipv4, port: node.sshPort, user: node.sshUser ?? "root", password: password,
                              hostKey: node.sshHostKeyFingerprint))
        }
    }
}
