import Fluent
import Foundation
import Testing
@testable import App

extension GitPushTests {
    @Test("A push to master deploys an app whose deploy branch is main, and a registry that refuses at first is retried")
    func masterAndRegistryRetry() async throws {
        try await PushableApp.with { app, docker, pushed in
            let registry = LateRegistry()
            defer { registry.stop() }
            app.config.builds.registry = registry.address
            try pushed.work.write("Dockerfile", Self.dockerfile("retried"))
            try await pushed.work.commit("v1 to master")
            async let pushing = pushed.work.git("push", pushed.remote, "HEAD:master")

            // The registry comes up once the first attempt has failed on it.
            let appID = try #require(UUID(uuidString: pushed.id))
            var seen = ""
            for _ in 0..<600 where !seen.contains("Retrying (1 of") {
                try await Task.sleep(for: .milliseconds(100))
                if let deployment = try await Deployment.query(on: app.db).filter(\.$app.$id == appID).first(), let id = deployment.id {
                    seen = await app.buildLogs.text(id) + (deployment.log ?? "")
                }
            }
            #expect(seen.contains("The platform registry refused the image"), "\(seen)")
            try registry.start()

            let push = try await pushing
            #expect(push.status == 0, "\(push.output)")
            #expect(push.output.contains("Retrying (1 of \(BuildRunner.retriesForInfrastructure))"), "\(push.output)")
            #expect(push.output.contains("remote: -----> v1 is live"))
            let deployments = try await app.send(.GET, "/api/paas/apps/\(pushed.id)/deployments", token: pushed.client).jsonArray()
            #expect(deployments.count == 1)
            #expect(deployments.first?["status"] as? String == "succeeded")
            #expect(deployments.first?["git_sha"] as? String == (try await pushed.work.head()))
            let tenant = try #require(try await TenantApp.find(appID, on: app.db))
            let image = try await docker.services.inspect(tenant.serviceName("web")).spec.taskTemplate.containerSpec?.image
            #expect(image?.hasPrefix("\(registry.address)/org-") == true, "\(image ?? "no image")")
            #expect(image?.contains("@sha256:") == true, "the release is pinned to what the registry stored")
        }
    }
}
