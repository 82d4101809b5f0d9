import DockerEngine
import Fluent
import Foundation
import PaaSCore
import Testing
import VaporTesting
@testable import App

/// Apps deployed for real on the Swarm manager at DOCKER_HOST (bootstrapped as location "local"),
/// with the web fixture image `paas-test/web:1` that scripts/lib/dockerd.sh builds.
@Suite("Apps on the real Swarm", .serialized, .enabled { await DockerAvailability.shouldRun() })
struct AppsSwarmTests {
    static let image = ProcessInfo.processInfo.environment["PAAS_WEB_IMAGE"] ?? "paas-test/web:1"

    static func detail(_ app: Application, _ id: String, _ token: String) async throws -> [String: Any] {
        try await app.send(.GET, "/api/paas/apps/\(id)", token: token).json()
    }

    static func runningTasks(_ detail: [String: Any]) -> [[String: Any]] {
        ((detail["processes"] as? [[String: Any]]) ?? []).flatMap { ($0["tasks"] as? [[String: Any]]) ?? [] }
            .filter { $0["state"] as? String == "running" && $0["desired_state"] as? String == "running" }
    }

    /// Polls until `done` holds, for at most `seconds`; returns the last detail either way.
    static func waitFor(_ app: Application, _ id: String, _ token: String, seconds: Int = 90, _ done: ([String: Any]) -> Bool) async throws -> [String: Any] {
        var last: [String: Any] = [:]
        for _ in 0..<(seconds * 2) {
            last = try await detail(app, id, token)
            if done(last) { return last }
            try await Task.sleep(for: .milliseconds(500))
        }
        return last
    }

    static func setUp(_ app: Application) async throws -> (DockerClient, AppFixtures, String) {
        let docker = try await DockerAvailability.use(in: app)
        try await NodeBootstrap(db: app.db, docker: docker).run(.init(locationSlug: "local", country: "DE"))
        let fixtures = try await AppFixtures.make(app, locationSlug: "local", readyNode: false)
        return (docker, fixtures, try await app.signup())
    }

    @Test("Deploy, inspect hardening, scale, change config, read logs, restart and delete")
    func lifecycle() async throws {
        try await TestApp.withApp { app in
            let (docker, fixtures, client) = try await Self.setUp(app)
            let id = try #require(try await fixtures.createApp(app, token: client)["id"] as? String)
            do {
                let deploy = try await app.send(.POST, "/api/paas/apps/\(id)/deploy", token: client, json: #"{"image": "\#(Self.image)"}"#)
                #expect(deploy.status == .created)
                #expect((try deploy.json()["release"] as? [String: Any])?["version"] as? Int == 1)
                let running = try await Self.waitFor(app, id, client) { $0["status"] as? String == "running" }
                #expect(running["status"] as? String == "running", "never ran: \(running)")
                #expect((running["events"] as? [[String: Any]])?.contains { $0["action"] as? String == "app.release" } == true)
                let task = try #require(Self.runningTasks(running).first)
                #expect((task["addresses"] as? [String])?.first?.hasPrefix("10.200.") == true)

                // What Docker applied, not what we asked for.
                let container = try await docker.containers.inspect(try #require(task["container_id"] as? String))
                let host = try #require(container.hostConfig)
                #expect(host.capDrop == ["ALL"])
                #expect(Set(host.capAdd ?? []).isSubset(of: Set(HardenedServiceSpec.capabilityAdd)))
                #expect(host.readonlyRootfs == true)
                #expect(host.privileged != true)
                #expect(host.pidsLimit == 256)
                #expect(host.memory == Int64(64 * 1024 * 1024))
                #expect(host.binds?.isEmpty ?? true)
                #expect((host.portBindings ?? [:]).isEmpty)
                #expect(container.mounts?.allSatisfy { $0.type == "tmpfs" } ?? true)
                let me = try await app.send(.GET, "/api/auth/me", token: client).json()
                let org = try #require((me["organization"] as? [String: Any])?["id"] as? String)
                #expect(container.networkSettings?.networks.map { Array($0.keys) } == ["paas-org-\(org)"])

                let scaled = try await app.send(.POST, "/api/paas/apps/\(id)/scale", token: client, json: #"{"web": 2}"#)
                #expect(scaled.status == .ok)
                let two = try await Self.waitFor(app, id, client) { Self.runningTasks($0).count == 2 }
                #expect(Self.runningTasks(two).count == 2)

                let config = try await app.send(.PATCH, "/api/paas/apps/\(id)/config-vars", token: client, json: #"{"GREETING": "hello"}"#)
                #expect(config.status == .ok)
                let releases = try await app.send(.GET, "/api/paas/apps/\(id)/releases", token: client).jsonArray()
                #expect(releases.first?["version"] as? Int == 2)
                var sawVariable = false
                for _ in 0..<120 where !sawVariable {
                    for task in Self.runningTasks(try await Self.detail(app, id, client)) {
                        guard let cid = task["container_id"] as? String, let env = try? await docker.containers.inspect(cid).config?.env else { continue }
                        if env.contains("GREETING=hello") { sawVariable = true }
                    }
                    try await Task.sleep(for: .milliseconds(500))
                }
                #expect(sawVariable, "release v2 never ran with the new config var")

                let logs = try await app.send(.GET, "/api/paas/apps/\(id)/logs?lines=20&follow=0", token: client)
                #expect(logs.status == .ok)
                #expect(logs.headers.first(name: .contentType)?.hasPrefix("text/event-stream") == true)
                #expect(logs.body.string.contains("listening on 5000"))
                #expect(logs.body.string.contains(#""process":"web""#))
                #expect(logs.body.string.contains(#""task":""#))
                #expect(!logs.body.string.contains("com.docker.swarm.task.id"))

                #expect(try await app.send(.POST, "/api/paas/apps/\(id)/restart", token: client).status == .accepted)
            } catch {
                _ = try? await app.send(.DELETE, "/api/paas/apps/\(id)", token: client)
                throw error
            }
            #expect(try await app.send(.DELETE, "/api/paas/apps/\(id)", token: client).status == .noContent)
            #expect(try await docker.services.list(filters: .label("paas.app=\(id)")).isEmpty)
        }
    }

    @Test("The reconciler re-creates a removed service, fixes replicas and reports orphans")
    func reconcile() async throws {
        try await TestApp.withApp { app in
            let (docker, fixtures, client) = try await Self.setUp(app)
            let id = try #require(try await fixtures.createApp(app, token: client)["id"] as? String)
            let other = try #require(try await fixtures.createApp(app, token: client)["id"] as? String)
            var orphanID: String?
            do {
                for appID in [id, other] {
                    #expect(try await app.send(.POST, "/api/paas/apps/\(appID)/deploy", token: client, json: #"{"image": "\#(Self.image)"}"#).status == .created)
                }
                let services = try await docker.services.list(filters: .label("paas.app=\(id)"))
                let name = try #require(services.first?.spec.name)
                try await docker.services.remove(name)
                let otherName = try #require(try await docker.services.list(filters: .label("paas.app=\(other)")).first?.spec.name)
                try await docker.services.modify(otherName) { $0.mode = .replicated(3) }
                // A platform-labelled service no app owns, as a crashed delete could leave behind.
                var stray = try #require(services.first?.spec)
                stray.name = "paas-orphan-\(UUID().uuidString.prefix(8).lowercased())"
                stray.labels?["paas.app"] = UUID().uuidString.lowercased()
                stray.mode = .replicated(0)
                orphanID = try await docker.services.create(stray).id

                let report = try await Reconciler(db: app.db, docker: docker, box: app.secretBox, logger: app.logger).run()
                #expect(report.repaired.contains(name))
                #expect(report.repaired.contains(otherName))
                #expect(report.orphans.contains(stray.name!))
                #expect(try await docker.services.inspect(name).spec.mode?.replicated?.replicas == 1)
                #expect(try await docker.services.inspect(otherName).spec.mode?.replicated?.replicas == 1)
                let again = try await Reconciler(db: app.db, docker: docker, box: app.secretBox, logger: app.logger).run()
                #expect(again.repaired.isEmpty)
            } catch {
                Issue.record(error)
            }
            if let orphanID { try? await docker.services.remove(orphanID) }
            for appID in [id, other] { _ = try await app.send(.DELETE, "/api/paas/apps/\(appID)", token: client) }
        }
    }
}
