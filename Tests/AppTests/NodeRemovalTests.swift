import Fluent
import Foundation
import Testing
import VaporTesting
@testable import App

/// Removing a node whose own Docker API does not answer: it still goes, and the admin learns what
/// to run on it. (A node that does answer leaves by itself: NodeSecondSwarmNodeTests.)
@Suite("Node removal", .serialized, .enabled { await DockerAvailability.shouldRun() })
struct NodeRemovalTests {
    @Test("A node that never answers is removed from the Swarm and the record says to run docker swarm leave there")
    func unreachableNode() async throws {
        try await TestApp.withApp { app in
            let node = try await Self.silentNode(app)
            let admin = try await app.makeAdminToken()
            let removed = try await app.send(.DELETE, "/api/admin/paas/nodes/\(node.id!.uuidString)", token: admin)
            #expect(removed.status == .ok, "\(removed.body.string)")
            let body = try removed.json()
            #expect(body["status"] as? String == "removed")
            let message = body["last_error"] as? String ?? ""
            #expect(message.contains("127.0.0.2:2376 did not answer") && message.contains("docker swarm leave --force"), "\(message)")
        }
    }

    @Test("The node page offers Remove anyway while tasks run there, and its flash says what to run on the node")
    func removeAnywayOnThePage() async throws {
        try await TestApp.withApp { app in
            let node = try await Self.silentNode(app, tasks: 2)
            try await FirstAdmin.create(app, email: "root@example.com", password: "admin-pass-123", name: "Root")
            var browser = BrowserSessionDriver(app: app)
            let login = try await browser.request(.GET, "/login")
            _ = try await browser.request(.POST, "/login", form: ["_csrf": BrowserSessionDriver.csrf(in: login.body.string) ?? "", "email": "root@example.com", "password": "admin-pass-123"])
            let path = "/admin/nodes/\(node.id!.uuidString.lowercased())"
            let page = try await browser.request(.GET, path)
            #expect(page.body.string.contains("Remove anyway") && page.body.string.contains(#"name="force" value="1""#), "\(page.body.string)")
            let csrf = try #require(BrowserSessionDriver.csrf(in: page.body.string))
            let removed = try await browser.request(.POST, path + "/delete", form: ["_csrf": csrf, "force": "1"])
            #expect(removed.headers.first(name: .location) == path)
            let after = try await browser.request(.GET, path)
            #expect(after.body.string.contains("was removed from the cluster") && after.body.string.contains("docker swarm leave --force"), "\(after.body.string)")
            #expect(!after.body.string.contains("Remove anyway"))
            #expect(try await ActivityLog.query(on: app.db).filter(\.$action == "node.remove").first()?.details?.contains("force=true") == true)
        }
    }

    @Test("An ingress node whose Docker API does not answer: the sync goes on, and the node's API and page say its Traefik is not running and why")
    func unreachableIngress() async throws {
        try await TestApp.withApp { app in
            let node = try await Self.silentNode(app)
            node.roles = "worker,ingress"
            node.status = NodeStatus.ready
            try await node.save(on: app.db)
            try await NodeIngress.reconcile(app, logger: app.logger)
            let admin = try await app.makeAdminToken()
            let path = "/api/admin/paas/nodes/\(node.id!.uuidString)"
            let detail = try await app.send(.GET, path, token: admin).json()
            let ingress = try #require(detail["ingress"] as? [String: Any], "\(detail)")
            #expect(ingress["running"] as? Bool == false)
            #expect((ingress["message"] as? String)?.contains("Traefik is not running on 127.0.0.2") == true, "\(ingress)")
            #expect(ingress["checked_at"] is String)
            try await FirstAdmin.create(app, email: "root@example.com", password: "admin-pass-123", name: "Root")
            var browser = BrowserSessionDriver(app: app)
            let login = try await browser.request(.GET, "/login")
            _ = try await browser.request(.POST, "/login", form: ["_csrf": BrowserSessionDriver.csrf(in: login.body.string) ?? "", "email": "root@example.com", "password": "admin-pass-123"])
            let page = try await browser.request(.GET, "/admin/nodes/\(node.id!.uuidString.lowercased())").body.string
            #expect(page.contains(#"id="node-ingress" data-running="false""#) && page.contains("not running"), "\(page)")
            #expect(try await app.send(.DELETE, path + "?force=true", token: admin).status == .ok)
            #expect(try await NodeIngressState.load(node.id!, on: app.db) == nil, "removal forgets the node's ingress")
        }
    }

    /// A joined node that is gone: Swarm no longer knows it and nothing answers on its address.
    static func silentNode(_ app: Application, tasks: Int = 0) async throws -> WorkerNode {
        let docker = try await DockerAvailability.use(in: app)
        let outcome = try await NodeBootstrap(db: app.db, docker: docker).run(.init(locationSlug: "local", country: "DE"))
        // Loopback, where no Docker API listens on 2376: refused at once, as a node that is gone.
        let node = try await NodeFixtures.record(
            app, name: "silent-node", locationID: try outcome.location.requireID(), ipv4: "127.0.0.2", status: NodeStatus.down,
            swarmNodeID: "gone" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased(), taskCount: tasks)
        node.tlsCertificate = "issued at registration"
        try await node.save(on: app.db)
        return node
    }
}
