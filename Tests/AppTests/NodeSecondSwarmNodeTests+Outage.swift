import DockerEngine
import Fluent
import Foundation
import PaaSTestSupport
import Testing
import Vapor
@testable import App

extension NodeSecondSwarmNodeTests {
    /// The node's Docker stops: Swarm stops hearing from it, the sync marks it down and the alert
    /// is recorded once. Docker starts again (the same restart the install script uses, in the
    /// node's namespace) and the next sync has it back as it was before, drained.
    func outage(_ app: Application, docker: DockerClient, sim: SimulatedNode, simDocker: DockerClient, nodeID: String, admin: String) async throws {
        let pidfile = (sim.restart as NSString).deletingLastPathComponent + "/docker.pid"
        let pid = try String(contentsOfFile: pidfile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try ToolRun.run("/bin/kill", [pid]).status == 0)

        let down = try await syncUntil(app, docker: docker, nodeID: nodeID, admin: admin, status: "down", for: .seconds(90))
        #expect(down["status"] as? String == "down", "\(down)")
        #expect((down["last_error"] as? String)?.contains("Swarm reports the node") == true, "\(down)")
        let alerts = try await ActivityLog.query(on: app.db).filter(\.$action == "node.down").all()
        #expect(alerts.count == 1 && alerts.first?.details?.contains(down["name"] as? String ?? "?") == true)

        // In the node's namespaces, as its sshd session would run it; its own hostname again.
        let restart = try ToolRun.run("/usr/bin/env", ["nsenter", "--net=/run/netns/\(sim.namespace)", "unshare", "--uts", "sh", "-c",
                                                       #"hostname "$0" && exec bash "$1""#, sim.namespace, sim.restart])
        #expect(restart.status == 0, "\(restart.output)")
        let back = try await syncUntil(app, docker: docker, nodeID: nodeID, admin: admin, status: "drained", for: .seconds(90))
        #expect(back["status"] as? String == "drained", "\(back)")
        #expect(try await ActivityLog.query(on: app.db).filter(\.$action == "node.down").count() == 1, "one alert per outage")
    }

    /// Runs the periodic sync (and its alerts) until the node has `status` or the time is up; the node as the API shows it.
    private func syncUntil(_ app: Application, docker: DockerClient, nodeID: String, admin: String, status: String,
                           for wait: Duration) async throws -> [String: Any] {
        let deadline = ContinuousClock.now + wait
        while true {
            await NodeAlerts.report(try await NodeSync(db: app.db, docker: docker).run(), app: app, logger: app.logger)
            let node = try await app.send(.GET, "/api/admin/paas/nodes/\(nodeID)", token: admin).json()["node"] as? [String: Any] ?? [:]
            if node["status"] as? String == status || ContinuousClock.now >= deadline { return node }
            try await Task.sleep(for: .seconds(1))
        }
    }
}
