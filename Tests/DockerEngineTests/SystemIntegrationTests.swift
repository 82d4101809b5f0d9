import Foundation
import Testing
@testable import DockerEngine

extension DockerIntegration {
    @Suite("system and swarm")
    struct SystemTests {
        @Test func versionIsNegotiated() async throws {
            try await TestRun.with("sys") { docker, _ in
                let daemon = try await docker.system.version()
                let daemonVersion = try #require(DockerAPIVersion(daemon.apiVersion))
                let used = try await docker.apiVersion()
                #expect(used == min(daemonVersion, .newestKnown))
                #expect(used <= .newestKnown)
                #expect(try await docker.system.ping() == "OK")
                let info = try await docker.system.info()
                #expect(info.swarm?.localNodeState == "active")
                #expect((info.cpus ?? 0) > 0)
            }
        }

        @Test func olderCapIsHonoured() async throws {
            let docker = try await DockerTestSupport.connect()
            try await docker.shutdown()
            let capped = try await DockerClient.connect(host: try DockerTestSupport.host(), maxAPIVersion: DockerAPIVersion("1.40")!)
            do {
                #expect(try await capped.apiVersion() == DockerAPIVersion("1.40"))
                _ = try await capped.system.info()
            } catch {
                Issue.record(error)
            }
            try await capped.shutdown()
        }

        @Test func swarmInspectAndTokens() async throws {
            try await TestRun.with("swarm") { docker, _ in
                let swarm = try await docker.swarm.inspect()
                #expect(!swarm.id.isEmpty)
                #expect(swarm.joinTokens.worker.hasPrefix("SWMTKN-"))
                #expect(try await docker.swarm.joinTokens() == swarm.joinTokens)
                await #expect {
                    try await docker.swarm.initialize(SwarmInitRequest(advertiseAddr: "127.0.0.1", defaultAddrPool: ["10.200.0.0/16"]))
                } throws: { error in
                    (error as? DockerError)?.statusCode == 503
                }
            }
        }

        @Test func missingObjectsAreNotFound() async throws {
            try await TestRun.with("404") { docker, run in
                for call in [
                    { _ = try await docker.services.inspect(run.prefix) },
                    { _ = try await docker.networks.inspect(run.prefix) },
                    { _ = try await docker.images.inspect("paas-test/\(run.prefix):none") },
                    { try await docker.secrets.remove(run.prefix) },
                ] as [() async throws -> Void] {
                    await #expect { try await call() } throws: { ($0 as? DockerError)?.isNotFound == true }
                }
            }
        }

        @Test func nodeLabelsAndAvailability() async throws {
            try await TestRun.with("node") { docker, run in
                let nodes = try await docker.nodes.list()
                let selfID = try #require(try await docker.system.info().swarm?.nodeID)
                #expect(nodes.contains { $0.id == selfID })
                let key = "paas-test.\(run.prefix)"
                let written = try await docker.nodes.modify(selfID) { spec in
                    spec.labels = (spec.labels ?? [:]).merging([key: "yes"]) { $1 }
                    spec.availability = NodeSpec.active
                }
                #expect(written.labels?[key] == "yes")
                let node = try await docker.nodes.inspect(selfID)
                #expect(node.spec.labels?[key] == "yes")
                #expect(node.spec.availability == "active")
                #expect(node.status?.state == "ready")
                try await docker.nodes.modify(selfID) { spec in spec.labels?[key] = nil }
                #expect(try await docker.nodes.inspect(selfID).spec.labels?[key] == nil)
                await #expect {
                    try await docker.nodes.update(selfID, version: ObjectVersion(index: 1), spec: node.spec)
                } throws: { ($0 as? DockerError)?.isOutOfSequence == true }
            }
        }

        @Test func secrets() async throws {
            try await TestRun.with("secret") { docker, run in
                let id = try await docker.secrets.create(name: run.prefix, data: Data("s3cret".utf8), labels: run.labels)
                let listed = try await docker.secrets.list(filters: run.filter)
                #expect(listed.map(\.id) == [id])
                #expect(listed.first?.name == run.prefix)
                await #expect {
                    try await docker.secrets.create(name: run.prefix, data: Data("again".utf8))
                } throws: { ($0 as? DockerError)?.statusCode == 409 }
                try await docker.secrets.remove(id)
                await #expect { _ = try await docker.secrets.inspect(id) } throws: { ($0 as? DockerError)?.isNotFound == true }
            }
        }

        @Test func eventsStreamAndStop() async throws {
            try await TestRun.with("events") { docker, run in
                let start = Date()
                let events = try await docker.system.events(filters: ["type": "network"])
                let name = run.prefix + "-ev"
                let id = try await docker.networks.create(NetworkCreateRequest(name: name, driver: "bridge", labels: run.labels))
                try await docker.networks.remove(id)
                let seen = try await withTimeout(.seconds(20), "network events") {
                    var actions: [String] = []
                    for try await event in events where event.actor?.id == id {
                        actions.append(event.action ?? "")
                        if event.action == "destroy" { break }
                    }
                    return actions
                }
                #expect(seen == ["create", "destroy"])

                // With `until` the engine ends the stream itself.
                let past = try await withTimeout(.seconds(20), "bounded events") {
                    try await docker.system.events(filters: ["type": "network"], since: start.addingTimeInterval(-1), until: Date()).collect()
                }
                #expect(past.filter { $0.actor?.id == id }.map { $0.action ?? "" } == ["create", "destroy"])
            }
        }
    }
}
