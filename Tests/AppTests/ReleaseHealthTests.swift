import DockerEngine
import Fluent
import Foundation
import PaaSCore
import Testing
import VaporTesting
@testable import App

/// Releases made without a build (an image deploy, a config change) count only once healthy, like
/// a build's: one that never is fails with the reason, and what ran before keeps running.
@Suite("Releases without a build are health-gated", .serialized, .enabled { await DockerAvailability.shouldRun() })
struct ReleaseHealthTests {
    static func currentVersion(_ app: Application, _ id: String, _ token: String) async throws -> Int? {
        (try await AppsSwarmTests.detail(app, id, token)["current_release"] as? [String: Any])?["version"] as? Int
    }

    /// The release labels of the app's running, healthy web tasks: those meant to stay, or with
    /// `replaced`, also those a start-first update keeps running until their successor is healthy.
    static func servingReleases(_ docker: DockerClient, _ app: Application, _ id: String, replaced: Bool = false) async throws -> Set<String> {
        let tenant = try #require(try await TenantApp.find(UUID(uuidString: id), on: app.db))
        let tasks = try await docker.tasks.list(service: tenant.serviceName("web"))
        return Set(tasks.filter { $0.isRunning && (replaced || $0.desiredState == .running) }
            .compactMap { $0.spec?.containerSpec?.labels?[PlatformNames.releaseLabel] })
    }

    /// Right after a failed release: the earlier one never stopped serving, and once Swarm has
    /// settled (its own rollback, then the platform re-applying the current release) it alone runs.
    static func expectStillServing(_ release: String, _ docker: DockerClient, _ app: Application, _ id: String,
                                   sourceLocation: SourceLocation = #_sourceLocation) async throws {
        #expect(try await servingReleases(docker, app, id, replaced: true).contains(release), sourceLocation: sourceLocation)
        var serving: Set<String> = []
        for _ in 0..<120 {
            serving = try await servingReleases(docker, app, id)
            if serving == [release] { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        #expect(serving == [release], sourceLocation: sourceLocation)
    }

    @Test("An image whose tasks cannot start fails its first release with Swarm's reason and leaves nothing behind")
    func firstReleaseNeverRuns() async throws {
        try await TestApp.withApp { app in
            let (docker, fixtures, client) = try await AppsSwarmTests.setUp(app)
            let id = try #require(try await fixtures.createApp(app, token: client)["id"] as? String)
            let deploy = try await app.send(.POST, "/api/paas/apps/\(id)/deploy", token: client, json: #"{"image": "paas-test/does-not-exist:1"}"#)
            #expect(deploy.status == .unprocessableEntity, "\(deploy.body.string)")
            #expect(deploy.errorCode == "release_unhealthy")
            #expect(deploy.errorMessage?.contains("does-not-exist") == true, "Swarm's reason should be in: \(deploy.errorMessage ?? "")")
            #expect(try await Self.currentVersion(app, id, client) == nil)
            #expect(try await docker.services.list(filters: .label("paas.app=\(id)")).isEmpty)
            let history = try await app.send(.GET, "/api/paas/apps/\(id)/deployments", token: client).jsonArray()
            #expect(history.first?["status"] as? String == "failed")
            #expect((history.first?["error"] as? String)?.contains("never became healthy") == true, "\(history)")
            #expect(try await app.send(.DELETE, "/api/paas/apps/\(id)", token: client).status == .noContent)
        }
    }

    @Test("An image deploy that never becomes healthy fails, and the release before it keeps serving")
    func laterReleaseNeverHealthy() async throws {
        try await TestApp.withApp { app in
            let (docker, fixtures, client) = try await AppsSwarmTests.setUp(app)
            let id = try #require(try await fixtures.createApp(app, token: client)["id"] as? String)
            do {
                let v1 = try await app.send(.POST, "/api/paas/apps/\(id)/deploy", token: client, json: #"{"image": "\#(AppsSwarmTests.image)"}"#)
                #expect(v1.status == .created, "\(v1.body.string)")
                // The answer comes once v1 is live, not when Swarm was merely told about it.
                #expect(try await Self.servingReleases(docker, app, id) == ["1"])
                let deployment = try #require((try v1.json()["deployment"] as? [String: Any])?["id"] as? String)
                let log = try await app.send(.GET, "/api/paas/apps/\(id)/deployments/\(deployment)/log", token: client).body.string
                #expect(log.contains("web: 1 of 1 running and healthy"), "\(log)")

                // Its shell exits at once: the new task never serves.
                let v2 = try await app.send(.POST, "/api/paas/apps/\(id)/deploy", token: client, json: #"{"image": "\#(GitPushTests.base)"}"#)
                #expect(v2.status == .unprocessableEntity, "\(v2.body.string)")
                #expect(v2.errorCode == "release_unhealthy")
                #expect(v2.errorMessage?.contains("never became healthy") == true || v2.errorMessage?.contains("rolled web back") == true,
                        "\(v2.errorMessage ?? "")")
                #expect(try await Self.currentVersion(app, id, client) == 1)
                let releases = try await app.send(.GET, "/api/paas/apps/\(id)/releases", token: client).jsonArray()
                #expect(releases.first?["version"] as? Int == 2 && releases.first?["status"] as? String == "failed", "\(releases)")
                // Start-first keeps v1's task until a new one is healthy, and none ever was.
                try await Self.expectStillServing("1", docker, app, id)
                let tenant = try #require(try await TenantApp.find(UUID(uuidString: id), on: app.db))
                let service = try await docker.services.inspect(tenant.serviceName("web"))
                let image = service.spec.taskTemplate.containerSpec?.image ?? "no image"
                #expect(image.hasPrefix(AppsSwarmTests.image), "\(image)")
            } catch {
                _ = try? await app.send(.DELETE, "/api/paas/apps/\(id)", token: client)
                throw error
            }
            #expect(try await app.send(.DELETE, "/api/paas/apps/\(id)", token: client).status == .noContent)
        }
    }

    @Test("A config change the app does not start with is undone, and the running release keeps its config")
    func configChangeUndone() async throws {
        try await PushableApp.with { app, docker, pushed in
            try await pushed.deploy(dockerfile: """
                FROM \(GitPushTests.base)
                RUN mkdir -p /www && echo config-app > /www/index.html
                CMD ["sh", "-c", "[ \\"$CRASH\\" = yes ] && exit 3; exec httpd -f -p ${PORT:-5000} -h /www"]

                """, commit: "config app")

            let good = try await app.send(.PATCH, "/api/paas/apps/\(pushed.id)/config-vars", token: pushed.client, json: #"{"GREETING": "hi"}"#)
            #expect(good.status == .ok, "\(good.body.string)")
            #expect(try await Self.currentVersion(app, pushed.id, pushed.client) == 2)

            let bad = try await app.send(.PATCH, "/api/paas/apps/\(pushed.id)/config-vars", token: pushed.client, json: #"{"CRASH": "yes"}"#)
            #expect(bad.status == .unprocessableEntity, "\(bad.body.string)")
            #expect(bad.errorCode == "release_unhealthy")
            #expect(bad.errorMessage?.contains("undone") == true, "\(bad.errorMessage ?? "")")
            let vars = try await app.send(.GET, "/api/paas/apps/\(pushed.id)/config-vars", token: pushed.client).json()
            #expect(vars["CRASH"] == nil && vars["GREETING"] as? String == "hi", "\(vars)")
            #expect(try await Self.currentVersion(app, pushed.id, pushed.client) == 2)
            try await Self.expectStillServing("2", docker, app, pushed.id)
        }
    }
}
