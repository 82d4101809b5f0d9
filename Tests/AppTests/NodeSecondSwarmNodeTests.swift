import DockerEngine
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import App

/// A real second Swarm node: the dockerd `scripts/lib/nodesim.sh` runs in a network namespace of
/// its own. It goes through what the install script does (register, join, report), gets its
/// location label, runs the apps of its location and only those, then is drained and removed.
@Suite("A second Swarm node", .serialized, .enabled { SimulatedNode.shouldRun ? await DockerAvailability.shouldRun() : false })
struct NodeSecondSwarmNodeTests {
    @Test("Register, join, label; an app in its location runs there and nowhere else; moving an app redeploys it; drain and remove")
    func secondNode() async throws {
        let sim = try SimulatedNode.require()
        try await TestApp.withApp { app in
            let docker = try await DockerAvailability.use(in: app)
            app.config.swarmManagerAddr = sim.managerAddr
            let simDocker = try DockerClient(host: DockerHost(parsing: "unix://" + sim.socket))
            defer { Task { try? await simDocker.shutdown() } }
            // The manager is location "local", as the other Swarm suites expect.
            try await NodeBootstrap(db: app.db, docker: docker).run(.init(locationSlug: "local", country: "DE"))
            let admin = try await app.makeAdminToken()
            let slug = "sim-\(UUID().uuidString.prefix(6).lowercased())"
            let location = try await NodeFixtures.location(app, admin: admin, slug: slug)
            let ticket = try await NodeFixtures.add(app, admin: admin, locationID: location, ipv4: sim.address)
            let nodeID = try NodeFixtures.nodeID(ticket)
            let token = try #require(ticket["registration_token"] as? String)

            // What the script does: register with a CSR, join with the answer, report.
            let csr = try NodeFixtures.csr()
            let registered = try await app.send(.POST, "/api/paas/nodes/register", json: String(decoding: try JSONEncoder().encode(["token": token, "csr": csr]), as: UTF8.self))
            #expect(registered.status == .ok, "\(registered.body.string)")
            let answer = NodeRegistrationTests.fields(registered.body.string)
            let manager = try #require(answer["manager"])
            let joinToken = try #require(answer["join_token"])
            var swarmID = ""
            do {
                try await simDocker.swarm.join(SwarmJoinRequest(advertiseAddr: sim.address, remoteAddrs: [manager], joinToken: joinToken))
                swarmID = try #require(try await simDocker.system.info().swarm?.nodeID)
                let report = try await app.send(.POST, "/api/paas/nodes/report", json: #"{"token": "\#(token)", "swarm_node_id": "\#(swarmID)", "engine_version": "20.10"}"#)
                #expect(report.status == .ok, "\(report.body.string)")
                #expect(try report.json()["status"] as? String == "ready")
                #expect(try report.json()["memory_capacity_mb"] as? Int ?? 0 > 0)
                let labels = try await docker.nodes.inspect(swarmID).spec.labels ?? [:]
                #expect(labels["paas.location"] == slug && labels["paas.node"] == nodeID.uppercased())
                // The same report again (the script re-run) changes nothing; another Swarm node is refused.
                #expect(try await app.send(.POST, "/api/paas/nodes/report", json: #"{"token": "\#(token)", "swarm_node_id": "\#(swarmID)"}"#).status == .ok)
                #expect(try await app.send(.POST, "/api/paas/nodes/report", json: #"{"token": "\#(token)", "swarm_node_id": "othernode00000000000000000"}"#).status == .conflict)

                try await placement(app, docker: docker, slug: slug, simSwarmID: swarmID, nodeID: nodeID, admin: admin)
            } catch {
                // A join that timed out goes on in the background: leave, so the next run starts clean.
                _ = try? await simDocker.swarm.leave(force: true)
                if !swarmID.isEmpty { _ = try? await docker.nodes.remove(swarmID, force: true) }
                throw error
            }
            try await simDocker.swarm.leave(force: true)
        }
    }

    private func placement(_ app: Application, docker: DockerClient, slug: String, simSwarmID: String, nodeID: String, admin: String) async throws {
        let fixtures = try await AppFixtures.make(app, locationSlug: slug, readyNode: false)
        let local = try await AppFixtures.make(app, locationSlug: "local", readyNode: false)
        let client = try await app.signup()
        let onSim = try #require(try await fixtures.createApp(app, token: client)["id"] as? String)
        let onLocal = try #require(try await local.createApp(app, token: client)["id"] as? String)
        do {
            try await placed(app, docker: docker, client: client, onSim: onSim, onLocal: onLocal, simLocation: fixtures.locationID,
                             slug: slug, simSwarmID: simSwarmID, nodeID: nodeID, admin: admin)
        } catch {
            _ = try? await app.send(.DELETE, "/api/paas/apps/\(onSim)", token: client)
            _ = try? await app.send(.DELETE, "/api/paas/apps/\(onLocal)", token: client)
            throw error
        }
        #expect(try await app.send(.DELETE, "/api/paas/apps/\(onSim)", token: client).status == .noContent)
        #expect(try await app.send(.DELETE, "/api/paas/apps/\(onLocal)", token: client).status == .noContent)
    }

    private func placed(_ app: Application, docker: DockerClient, client: String, onSim: String, onLocal: String, simLocation: String,
                        slug: String, simSwarmID: String, nodeID: String, admin: String) async throws {
        for id in [onSim, onLocal] {
            let deploy = try await app.send(.POST, "/api/paas/apps/\(id)/deploy", token: client, json: #"{"image": "\#(AppsSwarmTests.image)"}"#)
            #expect(deploy.status == .created, "\(deploy.body.string)")
        }
        #expect(try await app.send(.POST, "/api/paas/apps/\(onSim)/scale", token: client, json: #"{"web": 2}"#).status == .ok)
        let sim = try await AppsSwarmTests.waitFor(app, onSim, client) { AppsSwarmTests.runningTasks($0).count == 2 }
        let simNodes = Set(AppsSwarmTests.runningTasks(sim).compactMap { $0["node_id"] as? String })
        #expect(simNodes == [simSwarmID], "tasks of the \(slug) app ran on \(simNodes)")
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
        #expect((try await docker.nodes.list()).allSatisfy { $0.id != simSwarmID })
    }
}

/// The namespace node `scripts/lib/nodesim.sh` starts.
struct SimulatedNode: ScriptComponent {
    let socket: String
    let address: String
    let managerAddr: String

    static var current: SimulatedNode? {
        let env = ProcessInfo.processInfo.environment
        guard let socket = env["PAAS_TEST_NODESIM_SOCKET"], let address = env["PAAS_TEST_NODESIM_ADDR"],
              let manager = env["PAAS_SWARM_MANAGER_ADDR"] else { return nil }
        return SimulatedNode(socket: socket, address: address, managerAddr: manager)
    }

    static let missing = "no simulated node: PAAS_TEST_NODESIM_SOCKET is not set (scripts/lib/nodesim.sh)"
}
