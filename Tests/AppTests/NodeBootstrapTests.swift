import DockerEngine
import Fluent
import Foundation
import Testing
import Vapor
@testable import App

/// `paas bootstrap` and the node sync. Input errors and an unreachable engine need no Docker; the
/// rest runs against the real Swarm manager at DOCKER_HOST. Every test bootstraps that one engine
/// into location "local" of its own database, so the labels it leaves (`paas.location=local`,
/// `paas.ingress=true`) are what other suites expect; `paas.node` names whichever test wrote last.
@Suite("Node bootstrap")
struct NodeBootstrapTests {
    static let slug = "local"

    /// An engine that cannot answer: nothing may be written.
    static func unreachableDocker() throws -> DockerClient {
        try DockerClient(host: DockerHost(parsing: "unix:///nonexistent/paas-test-\(UUID().uuidString.prefix(8)).sock"))
    }

    static func expectNothingWritten(_ app: Application) async throws {
        #expect(try await Location.query(on: app.db).count() == 0)
        #expect(try await WorkerNode.query(on: app.db).count() == 0)
        #expect(try await ActivityLog.query(on: app.db).filter(\.$action == "node.bootstrap").count() == 0)
    }

    @Test("A new location needs --country; bad slugs and addresses are refused before Docker is asked", arguments: [
        (NodeBootstrap.Options(locationSlug: "fra-9"), "country", "--country"),
        (NodeBootstrap.Options(locationSlug: "fra-9", country: "Germany"), "country", "two-letter"),
        (NodeBootstrap.Options(locationSlug: "Bad Slug!", country: "DE"), "location", "slug"),
        (NodeBootstrap.Options(locationSlug: "fra-9", country: "DE", advertiseAddr: "10.0.0"), "advertise_addr", "IPv4"),
    ])
    func inputErrors(options: NodeBootstrap.Options, field: String, hint: String) async throws {
        try await TestApp.withApp { app in
            let docker = try Self.unreachableDocker()
            let error = await #expect(throws: AppError.self) {
                try await NodeBootstrap(db: app.db, docker: docker).run(options)
            }
            try? await docker.shutdown()
            #expect(error?.field == field)
            #expect(error?.message.contains(hint) == true, "\(error?.message ?? "")")
            try await Self.expectNothingWritten(app)
        }
    }

    @Test("Docker unreachable: a clear message, and nothing written")
    func dockerUnreachable() async throws {
        try await TestApp.withApp { app in
            let docker = try Self.unreachableDocker()
            let error = await #expect(throws: AppError.self) {
                try await NodeBootstrap(db: app.db, docker: docker).run(.init(locationSlug: "fra-9", country: "DE"))
            }
            try? await docker.shutdown()
            #expect(error?.code == "docker_unreachable")
            #expect(error?.message.contains("not reachable at unix:///nonexistent/") == true, "\(error?.message ?? "")")
            #expect(error?.message.contains("nothing was written") == true)
            try await Self.expectNothingWritten(app)
        }
    }

    @Test("Swarm's node state becomes the record's status", arguments: [
        ("ready", "active", 0, NodeStatus.ready), ("ready", "pause", 2, NodeStatus.ready),
        ("ready", "drain", 2, NodeStatus.draining), ("ready", "drain", 0, NodeStatus.drained),
        ("down", "active", 0, NodeStatus.down), ("disconnected", "drain", 1, NodeStatus.down),
    ])
    func statusMapping(state: String, availability: String, tasks: Int, expected: String) throws {
        let json = #"{"ID": "n1", "Version": {"Index": 3}, "Spec": {"Availability": "\#(availability)", "Role": "worker"}, "Status": {"State": "\#(state)", "Message": "heartbeat failure", "Addr": "127.0.0.1"}}"#
        let node = try JSONDecoder().decode(SwarmNode.self, from: Data(json.utf8))
        let reading = try #require(SwarmNodeReading.status(of: node, runningTasks: tasks))
        #expect(reading.status == expected)
        #expect((reading.problem != nil) == (expected == NodeStatus.down))
        if expected == NodeStatus.down { #expect(reading.problem == "Swarm reports the node \(state): heartbeat failure") }
        let unknown = try JSONDecoder().decode(SwarmNode.self, from: Data(json.replacingOccurrences(of: "\"\(state)\"", with: "\"unknown\"").utf8))
        #expect(SwarmNodeReading.status(of: unknown, runningTasks: tasks) == nil)
    }

    @Suite("against the real Swarm manager", .serialized, .enabled { await DockerAvailability.shouldRun() })
    struct OnSwarm {
        @Test("Two bootstraps at once into one database make one location and one node")
        func concurrent() async throws {
            try await TestApp.withApp { app in
                let docker = try await DockerAvailability.use(in: app)
                let db = app.db
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<2 {
                        group.addTask {
                            try await NodeBootstrap(db: db, docker: docker).run(.init(locationSlug: NodeBootstrapTests.slug, country: "DE"))
                        }
                    }
                    try await group.waitForAll()
                }
                #expect(try await Location.query(on: app.db).count() == 1)
                #expect(try await WorkerNode.query(on: app.db).count() == 1)
                #expect(try await ActivityLog.query(on: app.db).filter(\.$action == "node.bootstrap").count() == 2)
            }
        }

        @Test("Bootstrap creates the location, the node record and the labels; a second run changes nothing")
        func bootstrapTwice() async throws {
            try await TestApp.withApp { app in
                let docker = try await DockerAvailability.use(in: app)
                let info = try await docker.system.info()
                let swarmID = try #require(info.swarm?.nodeID)
                var lines: [String] = []
                let first = try await NodeBootstrap(db: app.db, docker: docker)
                    .run(.init(locationSlug: NodeBootstrapTests.slug, country: "de")) { lines.append($0) }

                #expect(lines.first == "swarm: already initialised (manager)")
                #expect(lines.contains("location: created local (local, DE)"))
                #expect(lines.contains { $0.hasPrefix("node: registered ") && $0.hasSuffix(" (ready)") })
                #expect(lines.last == "labels: already set" || lines.last?.hasPrefix("labels: set paas.ingress=true paas.location=local paas.node=") == true)
                #expect(first.locationCreated && first.nodeCreated && !first.swarmInitialised)

                let location = try #require(try await Location.query(on: app.db).first())
                #expect(location.slug == "local" && location.name == "local" && location.country == "DE" && location.isActive)
                let node = try #require(try await WorkerNode.query(on: app.db).first())
                let swarmNode = try await docker.nodes.inspect(swarmID)
                #expect(node.swarmNodeID == swarmID)
                #expect(node.$location.id == location.id)
                #expect(node.name == swarmNode.description?.hostname)
                #expect(node.ipv4 == swarmNode.status?.addr)
                #expect(node.sshPort == 22)
                #expect(node.roles == "worker,ingress,manager")
                #expect(node.status == NodeStatus.ready)
                #expect(node.engineVersion == swarmNode.description?.engineVersion && node.engineVersion != nil)
                #expect(node.cpuCapacityMillis == (swarmNode.description?.resources?.nanoCPUs ?? 0) / 1_000_000)
                #expect(node.cpuCapacityMillis > 0 && node.memoryCapacityMB > 0)
                #expect(node.lastSeenAt != nil && node.lastError == nil)

                // The labels, read back from Swarm. paas.node may already name a parallel test's record.
                let labels = swarmNode.spec.labels ?? [:]
                #expect(labels["paas.location"] == "local")
                #expect(labels["paas.ingress"] == "true")
                #expect(UUID(uuidString: labels["paas.node"] ?? "") != nil)
                #expect(first.labels["paas.node"] == node.id?.uuidString)

                // Again, without --country: the location exists now.
                lines = []
                let firstSeen = try #require(node.lastSeenAt)
                let second = try await NodeBootstrap(db: app.db, docker: docker)
                    .run(.init(locationSlug: "local")) { lines.append($0) }
                #expect(!second.locationCreated && !second.nodeCreated && !second.swarmInitialised)
                #expect(lines.contains("location: using local (local, DE)"))
                #expect(lines.contains("node: already registered \(node.name) (ready)"))
                #expect(try await Location.query(on: app.db).count() == 1)
                #expect(try await WorkerNode.query(on: app.db).count() == 1)
                let again = try #require(try await WorkerNode.query(on: app.db).first())
                #expect(again.id == node.id)
                #expect(again.name == node.name && again.ipv4 == node.ipv4 && again.roles == node.roles && again.status == node.status)
                #expect(again.cpuCapacityMillis == node.cpuCapacityMillis && again.memoryCapacityMB == node.memoryCapacityMB)
                #expect(try #require(again.lastSeenAt) >= firstSeen)
                #expect(try await ActivityLog.query(on: app.db).filter(\.$action == "node.bootstrap").count() == 2)
                let activity = try #require(try await ActivityLog.query(on: app.db).filter(\.$action == "node.bootstrap").first())
                #expect(activity.targetID == node.id?.uuidString && activity.userID == nil)
            }
        }

        @Test("A node record already in another location is not moved")
        func otherLocation() async throws {
            try await TestApp.withApp { app in
                let docker = try await DockerAvailability.use(in: app)
                try await NodeBootstrap(db: app.db, docker: docker).run(.init(locationSlug: NodeBootstrapTests.slug, country: "DE"))
                let error = await #expect(throws: AppError.self) {
                    try await NodeBootstrap(db: app.db, docker: docker).run(.init(locationSlug: "elsewhere", country: "NL"))
                }
                #expect(error?.code == "node_in_other_location")
                #expect(error?.message.contains("--location local") == true)
                // Rolled back: no "elsewhere" location, labels untouched.
                #expect(try await Location.query(on: app.db).count() == 1)
                #expect(try await docker.nodes.inspect(try #require(try await WorkerNode.query(on: app.db).first()?.swarmNodeID)).spec.labels?["paas.location"] == "local")
            }
        }

        @Test("Node sync refreshes capacity, tasks, allocation and last seen; a vanished Swarm node goes down")
        func sync() async throws {
            try await TestApp.withApp { app in
                let docker = try await DockerAvailability.use(in: app)
                let outcome = try await NodeBootstrap(db: app.db, docker: docker).run(.init(locationSlug: NodeBootstrapTests.slug, country: "DE"))
                let node = try #require(try await WorkerNode.find(outcome.node.id, on: app.db))
                let stale = Date(timeIntervalSinceNow: -3600)
                node.cpuCapacityMillis = 1
                node.memoryCapacityMB = 1
                node.lastSeenAt = stale
                node.status = NodeStatus.down
                node.lastError = "was down"
                try await node.save(on: app.db)

                let ghost = try await NodeFixtures.record(
                    app, name: "ghost-node", locationID: try outcome.location.requireID(), ipv4: "127.0.0.2", status: NodeStatus.ready,
                    swarmNodeID: "bogus" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased(), taskCount: 3)
                ghost.lastSeenAt = stale
                try await ghost.save(on: app.db)

                // A pending node without a Swarm node yet is not the sync's business.
                let pending = try await NodeFixtures.record(app, name: "pending-node", locationID: try outcome.location.requireID(),
                                                            ipv4: "127.0.0.3", status: NodeStatus.pending, capacity: false)

                // A running task with reservations on the manager: allocation counts it.
                let service = try await ReservedService.start(docker)
                let result: Result<NodeSync.Summary, any Error>
                do {
                    result = .success(try await NodeSync(db: app.db, docker: docker).run())
                } catch {
                    result = .failure(error)
                }
                try? await docker.services.remove(service)
                let summary = try result.get()
                #expect(summary.checked == 2)
                #expect(summary.ready == 1 && summary.down == 1)
                #expect(summary.vanished == ["ghost-node"] && summary.wentDown == ["ghost-node"])

                let synced = try #require(try await WorkerNode.find(node.id, on: app.db))
                let swarmNode = try await docker.nodes.inspect(try #require(node.swarmNodeID))
                #expect(synced.status == NodeStatus.ready && synced.lastError == nil)
                #expect(synced.cpuCapacityMillis == (swarmNode.description?.resources?.nanoCPUs ?? 0) / 1_000_000)
                #expect(synced.memoryCapacityMB == (swarmNode.description?.resources?.memoryBytes ?? 0) / (1024 * 1024))
                #expect(try #require(synced.lastSeenAt) > stale.addingTimeInterval(3000))
                #expect(synced.taskCount >= 1)
                #expect(synced.cpuAllocatedMillis >= ReservedService.cpuMillis)
                #expect(synced.memoryAllocatedMB >= ReservedService.memoryMB)

                let down = try #require(try await WorkerNode.find(ghost.id, on: app.db))
                #expect(down.status == NodeStatus.down)
                #expect(down.lastError?.contains("no longer exists") == true)
                #expect(down.taskCount == 0 && down.cpuAllocatedMillis == 0)
                #expect(abs((down.lastSeenAt ?? .distantPast).timeIntervalSince(stale)) < 1)
                #expect(try await WorkerNode.find(pending.id, on: app.db)?.status == NodeStatus.pending)

                // Again: the ghost stays down but is no news.
                let second = try await NodeSync(db: app.db, docker: docker).run()
                #expect(second.down == 1 && second.wentDown.isEmpty)
            }
        }

        @Test("`paas bootstrap` through the command line prints one line per step")
        func command() async throws {
            try await TestApp.withApp { app in
                try await DockerAvailability.use(in: app)
                let console = CaptureConsole()
                var context = CommandContext(console: console, input: CommandInput(arguments: ["paas", "bootstrap", "--location", "local", "--country", "DE", "--location-name", "Local box", "--no-firewall", "--no-ingress"]))
                context.application = app
                try await console.run(app.asyncCommands.group(), with: context)
                let output = console.lines
                #expect(output.first == "swarm: already initialised (manager)", "\(output)")
                #expect(output.contains("location: created local (Local box, DE)"))
                #expect(output.contains { $0.hasPrefix("node: registered ") })
                #expect(output.contains { $0.hasPrefix("labels: ") })
                #expect(output.contains { $0.hasPrefix("firewall: skipped") })
                #expect(output.contains("ingress: skipped (--no-ingress)"))
                #expect(output.last?.hasPrefix("bootstrap: ") == true && output.last?.hasSuffix(" is ready in local") == true)

                let missing = CaptureConsole()
                var bad = CommandContext(console: missing, input: CommandInput(arguments: ["paas", "bootstrap", "--location", "nowhere"]))
                bad.application = app
                await #expect(throws: AppError.self) { try await missing.run(app.asyncCommands.group(), with: bad) }
                #expect(missing.lines.contains { $0.contains("bootstrap failed") && $0.contains("--country") }, "\(missing.lines)")
            }
        }
    }
}

/// A one-replica service with reservations, for allocation sums.
enum ReservedService {
    static let cpuMillis: Int64 = 50
    static let memoryMB: Int64 = 16
    static let image = "paas-test/busybox:1"

    static func start(_ docker: DockerClient) async throws -> String {
        do {
            _ = try await docker.images.inspect(image)
        } catch let error as DockerError where error.isNotFound {
            Issue.record("image \(image) missing (scripts/lib/dockerd.sh: dockerd_ensure_busybox_image)")
            throw error
        }
        let name = "apptest-nodesync-" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
        let labels = ["paas-test.appnodes": "1", "paas-test.run": name]
        let spec = ServiceSpec(
            name: name,
            labels: labels,
            taskTemplate: TaskSpec(
                containerSpec: ContainerSpec(image: image, labels: labels, command: ["sleep", "3600"],
                                             stopGracePeriod: Duration.seconds(1).dockerNanoseconds),
                resources: ResourceRequirements(reservations: ResourceLimit(nanoCPUs: cpuMillis * 1_000_000, memoryBytes: memoryMB << 20)),
                restartPolicy: RestartPolicy(condition: "none"),
                // On the manager the test syncs: the second-node suite may have a worker in the Swarm meanwhile.
                placement: Placement(constraints: ["node.role==manager"])
            ),
            mode: .replicated(1)
        )
        let id = try await docker.services.create(spec).id
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if try await docker.tasks.list(service: id, desiredState: .running).contains(where: \.isRunning) { return id }
            try await Task.sleep(for: .milliseconds(250))
        }
        try? await docker.services.remove(id)
        throw DockerError.invalidResponse("service \(name) did not start a running task within 60 s")
    }
}

/// Collects what a command prints, one entry per line.
final class CaptureConsole: Console, @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""
    private var info: [AnySendableHashable: any Sendable] = [:]

    var lines: [String] { lock.withLock { text }.split(separator: "\n").map(String.init) }
    var userInfo: [AnySendableHashable: any Sendable] {
        get { lock.withLock { info } }
        set { lock.withLock { info = newValue } }
    }
    var size: (width: Int, height: Int) { (80, 24) }
    var supportsANSICommands: Bool { false }

    func input(isSecure: Bool) -> String { "" }
    func output(_ text: ConsoleText, newLine: Bool) {
        lock.withLock { self.text += text.description + (newLine ? "\n" : "") }
    }
    func report(error: String, newLine: Bool) {
        lock.withLock { text += error + (newLine ? "\n" : "") }
    }
    func clear(_ type: ConsoleClear) {}
}
