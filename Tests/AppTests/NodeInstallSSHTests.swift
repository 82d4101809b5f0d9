import AsyncHTTPClient
import Fluent
import Foundation
import NIOCore
import Testing
import VaporTesting
@testable import App

/// The automatic install against a real sshd on 127.0.0.1 (a throwaway user who may sudo), with
/// the script in check mode: every check runs and it registers for real, but it installs,
/// configures and joins nothing on this machine.
@Suite("Automatic node install over SSH", .serialized, .enabled { TestSSH.shouldRun })
struct NodeInstallSSHTests {
    static let log = CapturedLog()

    static func waitUntilDone(_ app: Application, _ id: String, admin: String) async throws -> [String: Any] {
        let deadline = ContinuousClock.now + .seconds(90)
        var last: [String: Any] = [:]
        while ContinuousClock.now < deadline {
            last = try await app.send(.GET, "/api/admin/paas/nodes/\(id)", token: admin).json()
            let node = last["node"] as? [String: Any] ?? [:]
            // A run ends by storing its log; a finished state without one is not the end yet
            // (seen once on PostgreSQL: ready, not installing, no log).
            if node["installing"] as? Bool == false && node["status"] as? String != "installing" && last["install_log"] is String { return last }
            try await Task.sleep(for: .milliseconds(200))
        }
        let logged = log.text.split(separator: "\n").filter { $0.lowercased().contains(id.lowercased()) && ($0.hasPrefix("error") || $0.hasPrefix("warning")) }
        throw TestSetupError("the install of \(id) did not finish with a stored log within 90 s: \(last); logged: \(logged.suffix(10))")
    }

    /// `docker`: whether the run gets as far as registering, which asks the Swarm for its join token.
    static func withInstallApp(docker: Bool = true, _ test: (Application, TestSSH, String, String) async throws -> Void) async throws {
        let ssh = try TestSSH.require()
        if docker, let reason = await DockerAvailability.unavailableReason(), !DockerAvailability.required {
            print("SSH install test skipped: \(reason)")
            return
        }
        try await TestApp.withApp(sqliteFile: true) { app in
            if docker { try await DockerAvailability.use(in: app) } else { try await app.useUnreachableDocker() }
            // Requests log through the application's logger: capture all of it, trace included.
            app.logger = Self.log.logger(label: "node-install-test")
            _ = try await TestServer.start(app)
            let root = app.config.dataDirectory + "/node-root"
            app.config.nodeInstallEnvironment = ["PAAS_INSTALL_MODE": "check", "PAAS_NODE_ROOT": root]
            let admin = try await app.makeAdminToken()
            let location = try await NodeFixtures.location(app, admin: admin)
            do {
                try await test(app, ssh, admin, location)
            } catch {
                await TestServer.stop(app)
                throw error
            }
            await TestServer.stop(app)
        }
    }

    @Test("Check-mode install: output streams live, every step runs, the node registers and ends pending with the reason; the password is nowhere")
    func checkModeInstall() async throws {
        try await Self.withInstallApp { app, ssh, admin, location in
            let ticket = try await NodeFixtures.add(app, admin: admin, locationID: location, ipv4: "127.0.0.1",
                                                    extra: #", "ssh_port": \#(ssh.port), "ssh_user": "\#(ssh.user)", "password": "\#(ssh.password)""#)
            let id = try NodeFixtures.nodeID(ticket)
            // The live stream, read over a real connection while the script runs.
            let client = HTTPClient(eventLoopGroupProvider: .shared(app.eventLoopGroup))
            var request = HTTPClientRequest(url: app.config.publicURL + "/api/admin/paas/nodes/\(id)/install/stream")
            request.headers.add(name: "Authorization", value: "Bearer \(admin)")
            let response = try await client.execute(request, timeout: .seconds(90))
            #expect(response.headers.first(name: "content-type")?.hasPrefix("text/event-stream") == true)
            var streamed = ""
            for try await chunk in response.body { streamed += String(buffer: chunk) }
            try await client.shutdown()
            #expect(streamed.contains("data: ==> 1/8 checking the system"), "\(streamed)")
            #expect(streamed.contains("data: ==> 8/8 reporting back"))
            #expect(streamed.contains("check mode, not run: docker swarm join"))
            #expect(streamed.contains("event: end\ndata: pending"))

            let detail = try await Self.waitUntilDone(app, id, admin: admin)
            let node = try #require(detail["node"] as? [String: Any])
            #expect(node["status"] as? String == "pending")
            #expect((node["last_error"] as? String)?.contains("check mode") == true, "\(node)")
            #expect(node["registered"] as? Bool == true)
            #expect((node["ssh_host_key_fingerprint"] as? String)?.hasPrefix("SHA256:") == true)
            #expect((detail["install_log"] as? String)?.contains("DONE: node") == true)

            // What the script left in its sandbox: the CA-signed certificate and the daemon config.
            let root = app.config.dataDirectory + "/node-root"
            let daemon = try String(contentsOfFile: root + "/etc/docker/daemon.json", encoding: .utf8)
            #expect(daemon.contains("\"userns-remap\": \"default\"") && daemon.contains("\"tlsverify\": true"))
            let certificate = try String(contentsOfFile: root + "/etc/docker/tls/cert.pem", encoding: .utf8)
            let record = try #require(try await WorkerNode.find(UUID(uuidString: id), on: app.db))
            #expect(record.tlsCertificate == certificate)
            #expect(record.registrationTokenSealed == nil)

            try await Self.expectPasswordNowhere(ssh.password, app: app)
        }
    }

    @Test("A wrong password ends pending with a clear message, and is not kept")
    func wrongPassword() async throws {
        try await Self.withInstallApp(docker: false) { app, ssh, admin, location in
            let wrong = "Wrong-\(UUID().uuidString.prefix(8))"
            let id = try NodeFixtures.nodeID(try await NodeFixtures.add(app, admin: admin, locationID: location, ipv4: "127.0.0.1",
                                                                         extra: #", "ssh_port": \#(ssh.port), "ssh_user": "\#(ssh.user)", "password": "\#(wrong)""#))
            let node = try #require(try await Self.waitUntilDone(app, id, admin: admin)["node"] as? [String: Any])
            #expect(node["status"] as? String == "pending")
            #expect((node["last_error"] as? String)?.contains("refused the SSH login as \(ssh.user)") == true, "\(node)")
            try await Self.expectPasswordNowhere(wrong, app: app)
        }
    }

    @Test("Nothing listening on the port: a clear message")
    func unreachable() async throws {
        try await Self.withInstallApp(docker: false) { app, _, admin, location in
            let id = try NodeFixtures.nodeID(try await NodeFixtures.add(app, admin: admin, locationID: location, ipv4: "127.0.0.1",
                                                                         extra: #", "ssh_port": 1, "password": "whatever-123""#))
            let node = try #require(try await Self.waitUntilDone(app, id, admin: admin)["node"] as? [String: Any])
            #expect(node["status"] as? String == "pending")
            #expect((node["last_error"] as? String)?.contains("Cannot connect over SSH") == true, "\(node)")
        }
    }

    @Test("The script failing midway names the step and its error; a second install can then run")
    func scriptFailure() async throws {
        try await Self.withInstallApp { app, ssh, admin, location in
            let ticket = try await NodeFixtures.add(app, admin: admin, locationID: location, ipv4: "127.0.0.1",
                                                    extra: #", "ssh_port": \#(ssh.port), "ssh_user": "\#(ssh.user)""#)
            let id = try NodeFixtures.nodeID(ticket)
            // A control plane the node cannot reach: the script gets through the checks, then stops at registering.
            let served = app.config.publicURL
            app.config.publicURL = "http://127.0.0.1:1"
            let started = try await app.send(.POST, "/api/admin/paas/nodes/\(id)/install", token: admin, json: #"{"password": "\#(ssh.password)"}"#)
            #expect(started.status == .accepted)
            let again = try await app.send(.POST, "/api/admin/paas/nodes/\(id)/install", token: admin, json: #"{"password": "\#(ssh.password)"}"#)
            #expect(again.status == .conflict)
            let failed = try #require(try await Self.waitUntilDone(app, id, admin: admin)["node"] as? [String: Any])
            #expect(failed["status"] as? String == "pending")
            let message = failed["last_error"] as? String ?? ""
            #expect(message.contains("at step 3/8 registering with the control plane") && message.contains("cannot reach the control plane"), "\(message)")
            app.config.publicURL = served
            let retry = try await app.send(.POST, "/api/admin/paas/nodes/\(id)/install", token: admin, json: #"{"password": "\#(ssh.password)"}"#)
            #expect(retry.status == .accepted)
            let done = try #require(try await Self.waitUntilDone(app, id, admin: admin)["node"] as? [String: Any])
            #expect((done["last_error"] as? String)?.contains("check mode") == true, "\(done)")
            try await Self.expectPasswordNowhere(ssh.password, app: app)
        }
    }

    /// The data directory (SQLite file included), the install log, every activity entry and
    /// everything the control plane logged.
    static func expectPasswordNowhere(_ password: String, app: Application) async throws {
        #expect(!log.text.isEmpty, "the captured log should have the requests of the test")
        #expect(!log.text.contains(password), "the password is in the control plane's log")
        let directory = app.config.dataDirectory
        let files = FileManager.default.enumerator(atPath: directory)?.compactMap { $0 as? String } ?? []
        #expect(!files.isEmpty)
        for file in files {
            let path = directory + "/" + file
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            #expect(data.range(of: Data(password.utf8)) == nil, "the password is in \(path)")
        }
        for entry in try await ActivityLog.query(on: app.db).all() {
            #expect(entry.details?.contains(password) != true, "the password is in activity \(entry.action)")
        }
        for node in try await WorkerNode.query(on: app.db).all() {
            #expect(node.installLog?.contains(password) != true)
            #expect(node.lastError?.contains(password) != true)
        }
    }
}
