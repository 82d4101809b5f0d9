import Fluent
import Foundation
import Testing
@testable import App

extension GitPushTests {
    @Test("A webhook's build that a restart interrupted is built again on start and goes live; a push's is failed")
    func resumedAfterRestart() async throws {
        try await PushableApp.with { app, docker, pushed in
            try await pushed.deploy(dockerfile: Self.dockerfile("before-restart"), commit: "v1")
            let appID = try #require(UUID(uuidString: pushed.id))
            let first = try #require(try await Deployment.query(on: app.db).filter(\.$app.$id == appID).first())
            try pushed.work.write("Dockerfile", Self.dockerfile("after-restart"))
            try await pushed.work.commit("v2")
            try await pushed.work.git("push", "--quiet", pushed.remote, "main:feature")
            let head = try await pushed.work.head()

            // What kill -9 left: a webhook's build half done, and a push's, both `building`.
            func stale(_ trigger: String) async throws -> Deployment {
                let row = Deployment()
                row.organizationID = first.organizationID
                row.$app.id = appID
                row.status = "building"
                row.trigger = trigger
                row.gitSHA = head
                row.gitRef = "refs/heads/feature"
                row.createdBy = first.createdBy
                row.startedAt = Date()
                row.log = "-----> Building"
                try await row.create(on: app.db)
                return row
            }
            let webhook = try await stale("webhook"), push = try await stale("push")
            let settled = try await StaleBuilds.settle(on: app.db)
            #expect(settled.resumable.map(\.id) == [webhook.id])
            #expect(try await Deployment.find(push.id, on: app.db)?.status == "failed")
            #expect(await BuildResumption.resume(settled.resumable, in: app) == 1)

            var row = try #require(try await Deployment.find(webhook.id, on: app.db))
            for _ in 0..<600 where !["succeeded", "failed"].contains(row.status) {
                try await Task.sleep(for: .milliseconds(250))
                row = try #require(try await Deployment.find(webhook.id, on: app.db))
            }
            #expect(row.status == "succeeded", "\(row.error ?? "") \(row.log ?? "")")
            #expect(row.log?.contains("The control plane restarted during this build; building \(head.prefix(7)) again") == true)
            let releases = try await app.send(.GET, "/api/paas/apps/\(pushed.id)/releases", token: pushed.client).jsonArray()
            #expect(releases.first?["version"] as? Int == 2)
            let tenant = try #require(try await TenantApp.find(appID, on: app.db))
            let image = try await docker.services.inspect(tenant.serviceName("web")).spec.taskTemplate.containerSpec?.image
            #expect(image?.contains(":v2") == true, "\(image ?? "")")
        }
    }
}
