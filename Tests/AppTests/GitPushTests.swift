import DockerEngine
import Fluent
import Foundation
import PaaSCore
import Testing
import VaporTesting
@testable import App

/// Real `git push` over smart HTTP to the control plane listening on loopback, building with the
/// real engine, pushing to the real registry (scripts/lib/registry.sh) and rolling out on Swarm.
@Suite("git push deploys", .serialized, .enabled { await DockerAvailability.shouldRun() })
struct GitPushTests {
    static let base = ProcessInfo.processInfo.environment["PAAS_BUSYBOX_IMAGE"] ?? "paas-test/busybox:1"

    /// A web app on busybox httpd: serves `body` on $PORT.
    static func dockerfile(_ body: String, extra: String = "") -> String {
        """
        FROM \(base)
        RUN mkdir -p /www && echo \(body) > /www/index.html
        \(extra)
        CMD ["sh", "-c", "exec httpd -f -p ${PORT:-5000} -h /www"]

        """
    }

    @Test("Pushing a Dockerfile app deploys it; a failing build rejects the push and v1 keeps serving")
    func dockerfilePush() async throws {
        try await PushableApp.with { app, docker, pushed in
            let (id, name, work) = (pushed.id, pushed.name, pushed.work)
            try work.write("Dockerfile", Self.dockerfile("hello-v1"))
            try await work.commit("v1")
            let push = try await work.git("push", pushed.remote, "main")
            #expect(push.status == 0, "push failed: \(push.output)")
            #expect(push.output.contains("remote: -----> Dockerfile detected"))
            #expect(push.output.contains("remote: -----> v1 is live"))
            let head = try await work.head()
            let deployments = try await app.send(.GET, "/api/paas/apps/\(id)/deployments", token: pushed.client).jsonArray()
            #expect(deployments.first?["status"] as? String == "succeeded")
            #expect(deployments.first?["git_sha"] as? String == head)
            let releases = try await app.send(.GET, "/api/paas/apps/\(id)/releases", token: pushed.client).jsonArray()
            let image = try #require(releases.first?["image"] as? String)
            let registry = app.config.builds.registry ?? "paas-local"
            #expect(image.hasPrefix("\(registry)/org-"), "image \(image)")
            #expect(image.contains("/\(name):v1"))
            let service = try await docker.services.inspect(try await TenantApp.find(UUID(uuidString: id), on: app.db)!.serviceName("web"))
            #expect(service.spec.taskTemplate.containerSpec?.image == image)

            // A broken Dockerfile: the push is refused with Docker's reason, v1 keeps running.
            try work.write("Dockerfile", Self.dockerfile("hello-v2", extra: "RUN echo compiling && exit 3"))
            try await work.commit("broken")
            let broken = try await work.git("push", pushed.remote, "main")
            #expect(broken.status != 0)
            #expect(broken.output.contains("The Dockerfile build failed"), "\(broken.output)")
            #expect(broken.output.contains("Push rejected"))
            let after = try await app.send(.GET, "/api/paas/apps/\(id)/deployments", token: pushed.client).jsonArray()
            #expect(after.first?["status"] as? String == "failed")
            #expect((after.first?["error"] as? String)?.contains("non-zero code: 3") == true, "\(after.first ?? [:])")
            let still = try await docker.services.inspect(service.id)
            #expect(still.spec.taskTemplate.containerSpec?.image == image)

            // History rewritten (v1 amended): only a force-push is accepted, and it deploys like any push.
            try await work.git("reset", "--quiet", "--hard", "HEAD~1")
            try await work.git("commit", "--quiet", "--amend", "--allow-empty", "-m", "v1, rewritten")
            let refused = try await work.git("push", pushed.remote, "main")
            #expect(refused.status != 0)
            #expect(refused.output.contains("non-fast-forward") || refused.output.contains("fetch first"), "\(refused.output)")
            let force = try await work.git("push", "--force", pushed.remote, "main")
            #expect(force.status == 0, "a force-push deploys like any push: \(force.output)")
            #expect(force.output.contains("forced update"))
            #expect(force.output.contains("remote: -----> v2 is live"))
            // Nothing new: git sends nothing and no build starts.
            let empty = try await work.git("push", pushed.remote, "main")
            #expect(empty.status == 0)
            #expect(empty.output.contains("Everything up-to-date"))

            // Other branches are stored, not built.
            try await work.git("checkout", "--quiet", "-b", "feature")
            let feature = try await work.git("push", pushed.remote, "feature")
            #expect(feature.status == 0, "\(feature.output)")
            #expect(!feature.output.contains("-----> Building"))
            #expect(try await app.send(.GET, "/api/paas/apps/\(id)/deployments", token: pushed.client).jsonArray().count == 3)
            // The deploy branch cannot be deleted from under the running release.
            let deleteMain = try await work.git("push", pushed.remote, ":main")
            #expect(deleteMain.status != 0)
            #expect(deleteMain.output.contains("refs/heads/main is the app's deploy branch and cannot be deleted"), "\(deleteMain.output)")

            // Clone and fetch over the same smart HTTP: a teammate gets the deployed history.
            let teammate = try await GitWorkspace.make()
            defer { teammate.remove() }
            let clone = try await teammate.git("clone", "--quiet", "--branch", "main", pushed.remote, "copy")
            #expect(clone.status == 0, "\(clone.output)")
            let copy = GitWorkspace(directory: teammate.directory + "/copy")
            let deployed = try await work.git("rev-parse", "main").output.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(try await copy.head() == deployed)
            #expect(FileManager.default.fileExists(atPath: copy.directory + "/Dockerfile"))
            try await work.git("checkout", "--quiet", "main")
            try work.write("Dockerfile", Self.dockerfile("hello-v3"))
            try await work.commit("v3")
            #expect(try await pushed.push().status == 0)
            let fetched = try await copy.git("fetch", "--quiet", "origin")
            #expect(fetched.status == 0, "\(fetched.output)")
            #expect(try await copy.git("rev-parse", "origin/main").output.trimmingCharacters(in: .whitespacesAndNewlines) == (try await work.head()))
            #expect(try await copy.git("rev-parse", "origin/feature").status == 0, "other branches are fetched too")
            #expect(try await work.git("push", pushed.remote, ":feature").status == 0, "other branches may be deleted")
        }
    }
}

extension GitPushTests {
    @Test("The periodic reconcile leaves a release that is rolling out alone, and repairs drift again afterwards")
    func reconcileDuringRollout() async throws {
        try await PushableApp.with { app, docker, pushed in
            let deploy = try await app.send(.POST, "/api/paas/apps/\(pushed.id)/deploy", token: pushed.client, json: #"{"image": "\#(AppsSwarmTests.image)"}"#)
            #expect(deploy.status == .created)
            let tenant = try #require(try await TenantApp.find(UUID(uuidString: pushed.id), on: app.db))
            let name = tenant.serviceName("web")
            // What a rollout in progress looks like: a deployment releasing, Swarm on the next image.
            let rolling = try #require(try await Deployment.query(on: app.db).filter(\.$app.$id == tenant.requireID()).first())
            rolling.status = "releasing"
            try await rolling.save(on: app.db)
            try await docker.services.modify(name) { $0.taskTemplate.containerSpec?.image = GitPushTests.base }
            let reconciler = Reconciler(db: app.db, docker: docker, box: app.secretBox, logger: app.logger)
            #expect(try await reconciler.run().repaired.isEmpty)
            #expect(try await docker.services.inspect(name).spec.taskTemplate.containerSpec?.image == GitPushTests.base)

            rolling.status = "succeeded"
            try await rolling.save(on: app.db)
            #expect(try await reconciler.run().repaired == [name])
            #expect(try await docker.services.inspect(name).spec.taskTemplate.containerSpec?.image == AppsSwarmTests.image)
        }
    }
}

extension GitPushTests {
    @Test("With an HTTP health path, a release whose path does not answer fails and one whose path answers goes live")
    func healthPath() async throws {
        try await PushableApp.with { app, docker, pushed in
            app.config.builds.rolloutTimeoutSeconds = 75
            let set = try await app.send(.PATCH, "/api/paas/apps/\(pushed.id)", token: pushed.client, json: #"{"health_check_path": "/up.html"}"#)
            #expect(set.status == .ok, "\(set.body.string)")
            // Listening on $PORT is not enough: the path answers 404, so the release never counts.
            try pushed.work.write("Dockerfile", Self.dockerfile("no-health-page"))
            try await pushed.work.commit("no health page")
            let failed = try await pushed.push()
            #expect(failed.status != 0)
            #expect(failed.output.contains("never became healthy") || failed.output.contains("rolled web back"), "\(failed.output)")

            try pushed.work.write("Dockerfile", Self.dockerfile("with-health-page", extra: "RUN echo up > /www/up.html"))
            try await pushed.work.commit("health page")
            let live = try await pushed.push()
            #expect(live.status == 0, "\(live.output)")
            #expect(live.output.contains("web: 1 of 1 running and healthy"), "\(live.output)")
            let tenant = try #require(try await TenantApp.find(UUID(uuidString: pushed.id), on: app.db))
            let check = try await docker.services.inspect(tenant.serviceName("web")).spec.taskTemplate.containerSpec?.healthcheck?.test?.last
            #expect(check?.contains("http://127.0.0.1:5000/up.html") == true, "\(check ?? "no health check")")
        }
    }
}
