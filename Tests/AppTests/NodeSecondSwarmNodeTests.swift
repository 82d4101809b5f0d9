import DockerEngine
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import App

/// A real second Swarm node: the dockerd `scripts/lib/nodesim.sh` runs in a network namespace of
/// its own, with an sshd inside. The automatic install logs in over SSH and runs the install
/// script in full mode: it registers, writes its files under a node root, applies the firewall in
/// the namespace, restarts that dockerd with the mTLS API, joins and reports. The node ends ready,
/// goes down while its dockerd is frozen and comes back, runs the apps of its location and only
/// those, then is drained, and leaves when removed.
@Suite("A second Swarm node", .serialized, .enabled { SimulatedNode.shouldRun ? await DockerAvailability.shouldRun() : false })
struct NodeSecondSwarmNodeTests {
    @Test("Installed over SSH: ready, labelled, mTLS API and firewall in place, its own ingress; down while it does not answer, ready when it does; its location's apps run there and nowhere else; moving an app redeploys it; drain; removal makes it leave")
    func secondNode() async throws {
        let sim = try SimulatedNode.require()
        let ssh = try TestSSH.require()
        try await TestApp.withApp(sqliteFile: true) { app in
            let docker = try await DockerAvailability.use(in: app)
            app.logger = NodeInstallSSHTests.log.logger(label: "second-node-test")
            app.config.swarmManagerAddr = sim.managerAddr
            // The node reaches the control plane on the host's end of its link, as a real one would its public address.
            _ = try await TestServer.start(app, host: sim.hostAddress)
            defer { Task { await TestServer.stop(app) } }
            app.config.nodeInstallEnvironment = ["PAAS_NODE_ROOT": sim.root, "DOCKER_HOST": "unix://" + sim.socket, "PAAS_DOCKER_RESTART": sim.restart]
            let simDocker = try DockerClient(host: DockerHost(parsing: "unix://" + sim.socket))
            defer { Task { try? await simDocker.shutdown() } }
            // The manager is location "local", as the other Swarm suites expect.
            try await NodeBootstrap(db: app.db, docker: docker).run(.init(locationSlug: "local", country: "DE"))
            let admin = try await app.makeAdminToken()
            let slug = "sim-\(UUID().uuidString.prefix(6).lowercased())"
            let location = try await NodeFixtures.location(app, admin: admin, slug: slug)
            let ticket = try await NodeFixtures.add(app, admin: admin, locationID: location, ipv4: sim.address, roles: ["worker", "ingress"],
                                                    extra: #", "ssh_port": \#(sim.sshPort), "ssh_user": "\#(ssh.user)", "password": "\#(ssh.password)""#)
            let nodeID = try NodeFixtures.nodeID(ticket)
            var swarmID = ""
            do {
                let detail = try await NodeInstallSSHTests.waitUntilDone(app, nodeID, admin: admin)
                let node = try #require(detail["node"] as? [String: Any])
                let log = detail["install_log"] as? String ?? ""
                #expect(node["status"] as? String == "ready", "\(node)\n\(log)")
                #expect(node["last_error"] == nil || node["last_error"] is NSNull, "\(node)")
                #expect(log.contains("==> 6/8 starting Docker") && log.contains("joined as") && log.contains("DONE: node"), "\(log)")
                #expect(!log.contains("check mode"))
                swarmID = try #require(try await simDocker.system.info().swarm?.nodeID)
                #expect(node["swarm_node_id"] as? String == swarmID)
                #expect(node["memory_capacity_mb"] as? Int ?? 0 > 0)
                let labels = try await docker.nodes.inspect(swarmID).spec.labels ?? [:]
                #expect(labels["paas.location"] == slug && labels["paas.node"] == nodeID.uppercased())
                try await NodeInstallSSHTests.expectPasswordNowhere(ssh.password, app: app)

                let record = try #require(try await WorkerNode.find(UUID(uuidString: nodeID), on: app.db))
                try await SimulatedNodeChecks.dockerAPI(app, sim: sim, node: record, swarmID: swarmID)
                try SimulatedNodeChecks.firewall(sim)
                try await SimulatedNodeChecks.ingressStarted(app, simDocker: simDocker, slug: slug, nodeID: nodeID, admin: admin)
                try await SimulatedNodeChecks.outage(app, docker: docker, sim: sim, nodeID: nodeID, admin: admin)
                try await placement(app, docker: docker, sim: sim, simDocker: simDocker, slug: slug, simSwarmID: swarmID, nodeID: nodeID, admin: admin)
                // Removal took the node's ingress with it, and its provider token opens nothing.
                #expect((try? await simDocker.containers.inspect(IngressManager.containerName(slug))) == nil)
                #expect(try await PlatformSetting.all(prefix: IngressToken.key(slug) + "@", on: app.db).isEmpty)
                // Removal asked the node itself to leave.
                #expect(try await simDocker.system.info().swarm?.localNodeState == "inactive")
            } catch {
                // A join that timed out goes on in the background: leave, so the next run starts clean.
                _ = try? await simDocker.swarm.leave(force: true)
                if !swarmID.isEmpty { _ = try? await docker.nodes.remove(swarmID, force: true) }
                throw error
            }
        }
    }

    private func placement(_ app: Application, docker: DockerClient, sim: SimulatedNode, simDocker: DockerClient, slug: String, simSwarmID: String, nodeID: String, admin: String) async throws {
        let fixtures = try await AppFixtures.make(app, locationSlug: slug, readyNode: false)
        let local = try await AppFixtures.make(app, locationSlug: "local", readyNode: false)
        let client = try await app.signup()
        let onSim = try #require(try await fixtures.createApp(app, token: client)["id"] as? String)
        let onLocal = try #require(try await local.createApp(app, token: client)["id"] as? String)
        do {
            try await placed(app, docker: docker, sim: sim, simDocker: simDocker, client: client, onSim: onSim, onLocal: onLocal, simLocation: fixtures.locationID,
                             slug: slug, simSwarmID: simSwarmID, nodeID: nodeID, admin: admin)
        } catch {
            _ = try? await app.send(.DELETE, "/api/paas/apps/\(onSim)", token: client)
            _ = try? await app.send(.DELETE, "/api/paas/apps/\(onLocal)", token: client)
            throw error
        }
        #expect(try await app.send(.DELETE, "/api/paas/apps/\(onSim)", token: client).status == .noContent)
        #expect(try await app.send(.DELETE, "/api/paas/apps/\(onLocal)", token: client).status == .noContent)
    }

    private func placed(_ app: Application, docker: DockerClient, sim: SimulatedNode, simDocker: DockerClient, client: String, onSim: String, onLocal: String, simLocation: String,
                        slug: String, simSwarmID: String, nodeID: String, admin: String) async throws {
        for id in [onSim, onLocal] {
            let deploy = try await app.send(.POST, "/api/paas/apps/\(id)/deploy", token: client, json: #"{"image": "\#(AppsSwarmTests.image)"}"#)
            #expect(deploy.status == .created, "\(deploy.body.string)")
        }
        #expect(try await app.send(.POST, "/api/paas/apps/\(onSim)/scale", token: client, json: #"{"web": 2}"#).status == .ok)
        let simDetail = try await AppsSwarmTests.waitFor(app, onSim, client) { AppsSwarmTests.runningTasks($0).count == 2 }
        let simNodes = Set(AppsSwarmTests.runningTasks(simDetail).compactMap { $0["node_id"] as? String })
        #expect(simNodes == [simSwarmID], "tasks of the \(slug) app ran on \(simNodes)")
        // The node's own Traefik joins the new organization network and answers for the app.
        try await NodeIngress.reconcile(app, logger: app.logger)
        try await SimulatedNodeChecks.ingressRoutes(app, sim: sim, appID: onSim, client: client)
        let localDetail = try await AppsSwarmTests.waitFor(app, onLocal, client) { AppsSwarmTests.runningTasks($0).count == 1 }
        let localNodes = Set(AppsSwarmTests.runningTasks(localDetail).compactMap { $0["node_id"] as? String })
        #expect(!localNodes.isEmpty && !localNodes.contains(simSwarmID), "the local app ran on \(localNodes)")

        // Moving the other app to this location redeploys it there.
        let moved = try await app.send(.PATCH, "/api/paas/apps/\(onLocal)", token: client, json: #"{"location_id": "\#(simLocation)"}"#)
        #expect(moved.status == .ok, "\(moved.body.string)")
        #expect(try moved.json()["location_id"] as? String == simLocation)
        let movedDetail = try await AppsSwarmTests.waitFor(app, onLocal, client) {
            AppsSwarmTests.runningTasks($0).map { $0["node_id"] as? String } == [simSwarmID]
        }
        #expect(AppsSwarmTests.runningTasks(movedDetail).map { $0["node_id"] as? String } == [simSwarmID], "\(movedDetail)")

        // The sync counts the tasks; removal is refused while they run, drain moves them off.
        _ = try await NodeSync(db: app.db, docker: docker).run()
        let busy = try await app.send(.GET, "/api/admin/paas/nodes/\(nodeID)", token: admin).json()["node"] as? [String: Any]
        #expect(busy?["task_count"] as? Int == 3)
        let refused = try await app.send(.DELETE, "/api/admin/paas/nodes/\(nodeID)", token: admin)
        #expect(refused.status == .conflict && refused.errorMessage?.contains("3 tasks") == true, "\(refused.body.string)")
        let drained = try await app.send(.POST, "/api/admin/paas/nodes/\(nodeID)/drain?wait=30", token: admin)
        #expect(drained.status == .ok, "\(drained.body.string)")
        let drainedNode = try drained.json()
        #expect(drainedNode["status"] as? String == "drained" && drainedNode["drain_progress"] as? Int == 100, "\(drained.body.string)")
        // Nowhere else in its location: the app's tasks wait rather than move to another location.
        let after = try await AppsSwarmTests.detail(app, onSim, client)
        #expect(AppsSwarmTests.runningTasks(after).allSatisfy { $0["node_id"] as? String == simSwarmID })
        let removed = try await app.send(.DELETE, "/api/admin/paas/nodes/\(nodeID)", token: admin)
        #expect(removed.status == .ok, "\(removed.body.string)")
        #expect(try removed.json()["status"] as? String == "removed")
        #expect(try removed.json()["last_error"] == nil || (try removed.json()["last_error"]) is NSNull, "\(removed.body.string)")
        #expect((try await docker.nodes.list()).allSatisfy { $0.id != simSwarmID })
    }
}

/// The namespace node `scripts/lib/nodesim.sh` starts, with its sshd.
struct SimulatedNode: ScriptComponent {
    let socket: String
    let address: String
    let hostAddress: String
    let managerAddr: String
    let namespace: String
    let root: String
    let restart: String
    let sshPort: Int

    static var current: SimulatedNode? {
        let env = ProcessInfo.processInfo.environment
        guard let socket = env["PAAS_TEST_NODESIM_SOCKET"], let address = env["PAAS_TEST_NODESIM_ADDR"],
              let hostAddress = env["PAAS_TEST_NODESIM_HOST_ADDR"], let namespace = env["PAAS_TEST_NODESIM_NS"],
              let root = env["PAAS_TEST_NODESIM_ROOT"], let restart = env["PAAS_TEST_NODESIM_RESTART"],
              let sshPort = env["PAAS_TEST_NODESIM_SSH_PORT"].flatMap(Int.init),
              let manager = env["PAAS_SWARM_MANAGER_ADDR"] else { return nil }
        return SimulatedNode(socket: socket, address: address, hostAddress: hostAddress, managerAddr: manager, namespace: namespace,
                             root: root, restart: restart, sshPort: sshPort)
    }

    static let missing = "no simulated node with its sshd: PAAS_TEST_NODESIM_* are not set (scripts/lib/nodesim.sh after sshd.sh)"
}
