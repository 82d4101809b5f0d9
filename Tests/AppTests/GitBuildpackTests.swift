import DockerEngine
import Fluent
import Foundation
import PaaSCore
import Testing
import VaporTesting
@testable import App

/// Heroku buildpack (API v2) builds with the fixture "shell" buildpack (Tests/fixtures/buildpacks),
/// Procfile process types, the release phase, and the failure paths a push can end in.
@Suite("git push with buildpacks and failure paths", .serialized, .enabled { await DockerAvailability.shouldRun() })
struct GitBuildpackTests {
    static let app = #"mkdir -p /tmp/www && echo "$PROFILE_GREETING build $(cat /app/.build-number)" > /tmp/www/index.html && exec httpd -f -p "$PORT" -h /tmp/www"#

    /// Runs `command` in a running task of the service, of the given release when one is named.
    static func exec(_ docker: DockerClient, service: String, release: Int? = nil, _ command: [String]) async throws -> String {
        let task = try #require(try await docker.tasks.list(service: service, desiredState: .running).first {
            $0.isRunning && (release == nil || $0.spec?.containerSpec?.labels?[PlatformNames.releaseLabel] == release.map(String.init))
        })
        let container = try #require(task.status?.containerID)
        return try await docker.containers.exec(container, command: command).stdout
    }

    @Test("A buildpack app with web, worker and release deploys; the cache persists; a failing or slow release keeps v2 serving; a rollback serves v1 again")
    func buildpackProcfileApp() async throws {
        try await PushableApp.with { app, docker, pushed in
            try pushed.work.write("app.sh", Self.app)
            try pushed.work.write("Procfile", "web: sh app.sh\nworker: sh -c 'while true; do echo working; sleep 5; done'\nrelease: echo migrating the database\n")
            try await pushed.work.commit("v1")
            #expect(try await app.send(.PATCH, "/api/paas/apps/\(pushed.id)/config-vars", token: pushed.client, json: #"{"GREETING": "bonjour"}"#).status == .ok)
            let first = try await pushed.push()
            #expect(first.status == 0, "push failed: \(first.output)")
            #expect(first.output.contains("remote: -----> Shell app detected"))
            #expect(first.output.contains("Shell app, build 1 with this cache"))
            // Tenant code at build time: no network but loopback, no Docker socket, and exactly the
            // app capability set (CHOWN DAC_OVERRIDE FOWNER KILL SETGID SETUID NET_BIND_SERVICE = 0x4eb).
            #expect(first.output.contains("build sandbox: interfaces=lo docker-socket=absent CapEff: 00000000000004eb"), "\(first.output)")
            #expect(first.output.contains("migrating the database"), "\(first.output)")
            #expect(first.output.contains("web: 1 of 1 running and healthy"))
            let tenant = try #require(try await TenantApp.find(UUID(uuidString: pushed.id), on: app.db))
            let web = try await Self.exec(docker, service: tenant.serviceName("web"), ["cat", "/tmp/www/index.html"])
            // Only a start that sources .profile.d has PROFILE_GREETING; GREETING alone is not enough.
            #expect(web.contains("bonjour from .profile.d build 1"), "web served \(web)")
            // As on Heroku, a new process type starts at zero containers until it is scaled.
            #expect(try await docker.services.inspect(tenant.serviceName("worker")).spec.mode?.replicated?.replicas == 0)
            let releases = try await app.send(.GET, "/api/paas/apps/\(pushed.id)/releases", token: pushed.client).jsonArray()
            let v1 = try #require(releases.first)

            try await pushed.work.commit("rebuild")
            let second = try await pushed.push()
            #expect(second.status == 0, "\(second.output)")
            #expect(second.output.contains("Shell app, build 2 with this cache"))
            // The app page offers v1 (live once, no longer current) a rollback, and v2 (current) none.
            let deployments = try await app.send(.GET, "/api/paas/apps/\(pushed.id)/deployments", token: pushed.client).jsonArray()
            let page = try await app.send(.GET, "/apps/\(pushed.id)", token: pushed.client).body.string
            let (v2Deployment, v1Deployment) = (try #require(deployments.first?["id"] as? String), try #require(v1["deployment_id"] as? String))
            #expect(page.contains("/apps/\(pushed.id)/rollback/\(v1Deployment)"), "no rollback button for v1")
            #expect(!page.contains("/rollback/\(v2Deployment)"), "the current release offers a rollback to itself")

            try pushed.work.write("Procfile", "web: sh app.sh\nrelease: echo about to fail && exit 4\n")
            try await pushed.expectRejected(commit: "bad release", reason: "release command exited with status 4")
            app.config.builds.releaseTimeoutSeconds = 3
            try pushed.work.write("Procfile", "web: sh app.sh\nrelease: sleep 60\n")
            try await pushed.expectRejected(commit: "slow release", reason: "The release command ran longer than 3 s")
            let current = try await app.send(.GET, "/api/paas/apps/\(pushed.id)", token: pushed.client).json()
            #expect((current["current_release"] as? [String: Any])?["version"] as? Int == 2)
            let serving = try await docker.services.inspect(tenant.serviceName("web")).spec.taskTemplate.containerSpec?.image
            #expect(serving?.contains(":v2") == true, "the failed release must not reach Swarm: \(serving ?? "")")
            #expect(try await Self.exec(docker, service: tenant.serviceName("web"), release: 2, ["cat", "/tmp/www/index.html"]).contains("build 2"))

            // The worker runs once scaled; it has no port, so no health check holds it back.
            #expect(try await app.send(.POST, "/api/paas/apps/\(pushed.id)/scale", token: pushed.client, json: #"{"worker": 1}"#).status == .ok)
            var running = false
            for _ in 0..<120 where !running {
                try await Task.sleep(for: .milliseconds(500))
                running = try await docker.tasks.list(service: tenant.serviceName("worker"), desiredState: .running).contains { $0.isRunning }
            }
            let working = try await Self.exec(docker, service: tenant.serviceName("worker"), ["ps"])
            #expect(working.contains("while true"), "the worker never ran: \(working)")

            // Rollback to v1's deployment: an exact copy as v5 (v3 and v4 failed).
            let deploymentID = try #require(v1["deployment_id"] as? String)
            let rolled = try await app.send(.POST, "/api/paas/apps/\(pushed.id)/rollback/\(deploymentID)", token: pushed.client)
            #expect(rolled.status == .created, "\(rolled.body.string)")
            let release = try rolled.json()["release"] as? [String: Any]
            #expect(release?["image"] as? String == v1["image"] as? String)
            #expect(release?["version"] as? Int == 5)
            #expect((release?["process_types"] as? [String: Any])?.keys.sorted() == ["web", "worker"], "\(release ?? [:])")
            #expect(release?["created_by"] is String)
            // v1's image, its config and its .profile.d: what v1 served is served again.
            let again = try await Self.exec(docker, service: tenant.serviceName("web"), release: 5, ["cat", "/tmp/www/index.html"])
            #expect(again.contains("bonjour from .profile.d build 1"), "after the rollback web served \(again)")
        }
    }

    @Test("Pushes that cannot build are rejected with the reason")
    func unbuildable() async throws {
        try await PushableApp.with { app, _, pushed in
            try pushed.work.write("README", "nothing to build here")
            try await pushed.expectRejected(commit: "docs only", reason: "No build method matched")

            try pushed.work.write("Dockerfile", "FROM \(app.config.builds.registry ?? "paas-local")/org-00000000-0000-0000-0000-000000000000/theirs:v1\n")
            try await pushed.expectRejected(commit: "someone else's image", reason: "belongs to another organization")
            try await pushed.work.git("rm", "-q", "Dockerfile")
            try await pushed.work.commit("no Dockerfile")

            // The control plane never clones from inside the platform's network for a tenant.
            let patch = try await app.send(.PATCH, "/api/paas/apps/\(pushed.id)", token: pushed.client, json: #"{"buildpacks": ["http://127.0.0.1:1/missing.git"]}"#)
            #expect(patch.status == .ok, "\(patch.body.string)")
            let internalHost = try await pushed.push()
            #expect(internalHost.status != 0)
            #expect(internalHost.output.contains("is an internal address (127.0.0.1)"), "\(internalHost.output)")
            app.config.builds.allowInternalBuildpackHosts = true
            let unclonable = try await pushed.push()
            #expect(unclonable.status != 0)
            #expect(unclonable.output.contains("could not be cloned"), "\(unclonable.output)")
            app.config.builds.allowInternalBuildpackHosts = false

            _ = try await app.send(.PATCH, "/api/paas/apps/\(pushed.id)", token: pushed.client, json: #"{"buildpacks": ["shell"]}"#)
            try pushed.work.write("app.sh", "exec sleep 1000")
            try pushed.work.write("fail-compile", "x")
            try await pushed.expectRejected(commit: "compile fails", reason: "compile refused")

            let deployments = try await app.send(.GET, "/api/paas/apps/\(pushed.id)/deployments", token: pushed.client).jsonArray()
            #expect(deployments.count == 5)
            #expect(deployments.allSatisfy { $0["status"] as? String == "failed" && ($0["error"] as? String)?.isEmpty == false })
            #expect(try await app.send(.GET, "/api/paas/apps/\(pushed.id)/releases", token: pushed.client).jsonArray().isEmpty)
        }
    }

    @Test("A web process that never listens on $PORT fails the release")
    func neverListens() async throws {
        try await PushableApp.with { app, docker, pushed in
            app.config.builds.rolloutTimeoutSeconds = 90
            try pushed.work.write("Dockerfile", "FROM \(GitPushTests.base)\nCMD [\"sleep\", \"1000\"]\n")
            try await pushed.work.commit("deaf")
            let push = try await pushed.push()
            #expect(push.status != 0)
            #expect(push.output.contains("never became healthy") || push.output.contains("rolled web back"), "\(push.output)")
            let deployments = try await app.send(.GET, "/api/paas/apps/\(pushed.id)/deployments", token: pushed.client).jsonArray()
            #expect(deployments.first?["status"] as? String == "failed")
            // A first release that fails leaves nothing running.
            #expect(try await docker.services.list(filters: .label("paas.app=\(pushed.id)")).isEmpty)
        }
    }
}

extension GitBuildpackTests {
    /// The id of the app's first deployment in `status`, waiting up to 20 s for one to appear.
    static func firstDeployment(_ app: Application, _ pushed: PushableApp, status: String) async throws -> String? {
        for _ in 0..<100 {
            let rows = try await app.send(.GET, "/api/paas/apps/\(pushed.id)/deployments", token: pushed.client).jsonArray()
            if let id = rows.first(where: { $0["status"] as? String == status })?["id"] as? String { return id }
            try await Task.sleep(for: .milliseconds(200))
        }
        return nil
    }

    @Test("A build past the timeout, and one cancelled from the API, reject their pushes")
    func stoppedBuilds() async throws {
        try await PushableApp.with { app, _, pushed in
            app.config.builds.timeoutSeconds = 4
            try pushed.work.write("Dockerfile", "FROM \(GitPushTests.base)\nRUN echo slow step && sleep 30\n")
            try await pushed.expectRejected(commit: "slow", reason: "longer than the limit of 4 s")

            app.config.builds.timeoutSeconds = 120
            try await pushed.work.commit("slow again")
            async let push = pushed.push()
            let building = try await Self.firstDeployment(app, pushed, status: "building")
            let id = try #require(building)

            // A second push waits behind it (one build per organization at a time); cancelled while
            // it waits, it never starts, and its push is refused.
            app.config.builds.concurrencyPerOrganization = 1
            let other = try await GitWorkspace.make()
            defer { other.remove() }
            try other.write("Dockerfile", "FROM \(GitPushTests.base)\n")
            try await other.commit("queued behind the slow one")
            async let queuedPush = other.git("push", "--force", pushed.remote, "main")
            let queued = try await Self.firstDeployment(app, pushed, status: "queued")
            let waiting = try #require(queued)
            let dropped = try await app.send(.POST, "/api/paas/apps/\(pushed.id)/deployments/\(waiting)/cancel", token: pushed.client)
            #expect(dropped.status == .ok)
            #expect(try dropped.json()["status"] as? String == "cancelled")
            let refused = try await queuedPush
            #expect(refused.status != 0 && refused.output.contains("cancelled before it started"), "\(refused.output)")
            let rows = try await app.send(.GET, "/api/paas/apps/\(pushed.id)/deployments", token: pushed.client).jsonArray()
            let row = rows.first { $0["id"] as? String == waiting } ?? [:]
            #expect(row["status"] as? String == "cancelled" && (row["started_at"] == nil || row["started_at"] is NSNull),
                    "a cancelled queued build must never start: \(row)")

            let cancelled = try await app.send(.POST, "/api/paas/apps/\(pushed.id)/deployments/\(id)/cancel", token: pushed.client)
            #expect(cancelled.status == .ok)
            #expect(try cancelled.json()["status"] as? String == "cancelled")
            let result = try await push
            #expect(result.status != 0)
            #expect(result.output.contains("The build was cancelled"), "\(result.output)")
        }
    }
}

extension GitBuildpackTests {
    @Test("A buildpack named by git URL is cloned over HTTP once and reused by the next build; its credentials stay out of the log")
    func gitURLBuildpack() async throws {
        try await PushableApp.with { app, _, pushed in
            // The buildpack sits on another branch of the app's own repository, served by the
            // platform's git: a push there is stored and builds nothing.
            let pack = try await GitWorkspace.make()
            defer { pack.remove() }
            for name in ["compile", "detect", "release"] {
                let text = try String(contentsOfFile: TestApp.fixtures + "/buildpacks/shell/bin/" + name, encoding: .utf8)
                try pack.write("bin/\(name)", text, executable: true)
            }
            try await pack.commit("the shell buildpack")
            let stored = try await pack.git("push", pushed.remote, "main:buildpack")
            #expect(stored.status == 0 && !stored.output.contains("Building"), "\(stored.output)")

            app.config.builds.allowInternalBuildpackHosts = true
            let url = pushed.remote + "#buildpack"
            let patch = try await app.send(.PATCH, "/api/paas/apps/\(pushed.id)", token: pushed.client, json: #"{"buildpacks": ["\#(url)"]}"#)
            #expect(patch.status == .ok, "\(patch.body.string)")
            try pushed.work.write("app.sh", Self.app)
            try await pushed.work.commit("v1")
            let first = try await pushed.push()
            #expect(first.status == 0, "\(first.output)")
            #expect(first.output.contains("Fetching buildpack http://***@127.0.0.1"), "\(first.output)")
            #expect(!first.output.contains(pushed.client), "the token in the buildpack URL must not be echoed")
            #expect(first.output.contains("Shell app, build 1 with this cache"), "\(first.output)")

            let root = app.config.dataDirectory + "/buildpacks"
            let clones = try FileManager.default.contentsOfDirectory(atPath: root).filter { !$0.contains(".tmp-") }
            #expect(clones.count == 1, "\(clones)")
            let clone = root + "/" + (clones.first ?? "")
            #expect(FileManager.default.isExecutableFile(atPath: clone + "/bin/compile"))
            let cloned = try FileManager.default.attributesOfItem(atPath: clone)[.modificationDate] as? Date

            try await pushed.work.commit("v2")
            let second = try await pushed.push()
            #expect(second.status == 0, "\(second.output)")
            #expect(second.output.contains("Shell app, build 2 with this cache"), "\(second.output)")
            #expect(try FileManager.default.attributesOfItem(atPath: clone)[.modificationDate] as? Date == cloned, "the clone is reused, not fetched again")
            #expect(try FileManager.default.contentsOfDirectory(atPath: root).filter { !$0.contains(".tmp-") }.count == 1)
        }
    }
}
