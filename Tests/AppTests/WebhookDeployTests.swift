import DockerEngine
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import App

/// Webhook deliveries that build: the commit is fetched over real smart HTTP with a token in the
/// clone URL (the platform's own git server stands in for GitHub), built with the real engine and
/// rolled out on Swarm, like a `git push`.
@Suite("Webhook deploys", .serialized, .enabled { await DockerAvailability.shouldRun() })
struct WebhookDeployTests {
    /// Polls the app's deployments until the one with `id` has ended.
    static func ended(_ app: Application, _ pushed: PushableApp, deployment id: String) async throws -> [String: Any] {
        for _ in 0..<300 {
            let rows = try await app.send(.GET, "/api/paas/apps/\(pushed.id)/deployments", token: pushed.client).jsonArray()
            if let row = rows.first(where: { $0["id"] as? String == id }), let status = row["status"] as? String,
               !["queued", "building", "releasing"].contains(status) {
                return row
            }
            try await Task.sleep(for: .milliseconds(500))
        }
        Issue.record("deployment \(id) did not end within 150 s")
        return [:]
    }

    @Test("A signed GitHub push fetches its commit through a token URL and deploys it; a signed POST redeploys the platform's copy")
    func githubPush() async throws {
        try await PushableApp.with { app, docker, pushed in
            // The "GitHub" repository: branch release of the app's own repo, which a push only stores.
            try pushed.work.write("Dockerfile", GitPushTests.dockerfile("hello-webhook"))
            try await pushed.work.commit("v1 for the webhook")
            let stored = try await pushed.push("main:release")
            #expect(stored.status == 0 && !stored.output.contains("-----> "), "\(stored.output)")
            let sha = try await pushed.work.head()
            #expect(try await app.send(.GET, "/api/paas/apps/\(pushed.id)/deployments", token: pushed.client).jsonArray().isEmpty)

            let created = try await WebhooksAPITests.create(app, pushed.client, pushed.id, """
                {"provider": "github", "repository_url": "\(pushed.remote)", "repository": "acme/site", "branch": "release"}
                """)
            #expect(created.status == .created, "\(created.body.string)")
            let url = try #require(try created.json()["url"] as? String), secret = try #require(try created.json()["secret"] as? String)
            let body = #"{"ref": "refs/heads/release", "after": "\#(sha)", "repository": {"full_name": "acme/site", "clone_url": "ignored"}}"#

            // Loopback is inside the platform: refused until the operator allows internal git hosts.
            let refused = try await WebhooksAPITests.deliver(app, url, body: body, headers: WebhooksAPITests.github(body, secret: secret))
            #expect(refused.status == .unprocessableEntity, "\(refused.body.string)")
            app.config.builds.allowInternalBuildpackHosts = true
            defer { app.config.builds.allowInternalBuildpackHosts = false }

            let stranger = String(repeating: "7e", count: 20)
            let notOnBranch = #"{"ref": "refs/heads/release", "after": "\#(stranger)", "repository": {"full_name": "acme/site"}}"#
            let missing = try await WebhooksAPITests.deliver(app, url, body: notOnBranch, headers: WebhooksAPITests.github(notOnBranch, secret: secret))
            #expect(missing.status == .unprocessableEntity && missing.body.string.contains("is not on branch release"), "\(missing.body.string)")

            let delivered = try await WebhooksAPITests.deliver(app, url, body: body, headers: WebhooksAPITests.github(body, secret: secret))
            #expect(delivered.status == .accepted, "\(delivered.body.string)")
            #expect(try delivered.json()["status"] as? String == "queued")
            let deploymentID = try #require(try delivered.json()["deployment_id"] as? String)
            let deployment = try await Self.ended(app, pushed, deployment: deploymentID)
            #expect(deployment["status"] as? String == "succeeded", "\(deployment)")
            #expect(deployment["trigger"] as? String == "webhook" && deployment["git_sha"] as? String == sha)
            let log = try await Deployment.find(UUID(uuidString: deploymentID), on: app.db)?.log ?? ""
            #expect(log.contains("Dockerfile detected") && log.contains("v1 is live"), "\(log)")
            #expect(!log.contains(pushed.client), "the clone URL's token never reaches the log")
            let tenant = try #require(try await TenantApp.find(UUID(uuidString: pushed.id), on: app.db))
            let service = try await docker.services.inspect(tenant.serviceName("web"))
            #expect(service.spec.taskTemplate.containerSpec?.image.contains("/\(pushed.name):v1") == true)
            // The fetched commit sits apart from the branches clients push.
            let repo = (app.config.dataDirectory as NSString).appendingPathComponent("git/" + GitRepositories.directoryName(try tenant.requireID()))
            #expect(try await GitCommand.output(["rev-parse", WebhookDeploy.fetchedRef("release")], in: repo).hasPrefix(sha))
            let listed = try await app.send(.GET, "/api/paas/apps/\(pushed.id)/webhooks", token: pushed.client).jsonArray()
            #expect(listed.first?["last_delivery_status"] as? String == "queued \(sha.prefix(7))")
            #expect(!(try await app.send(.GET, "/api/paas/apps/\(pushed.id)/webhooks", token: pushed.client).body.string.contains(pushed.client)))

            // A signed POST with no repository: release as pushed to the platform, built again.
            let generic = try await WebhooksAPITests.create(app, pushed.client, pushed.id, #"{"provider": "generic", "branch": "release"}"#).json()
            let genericURL = try #require(generic["url"] as? String), genericSecret = try #require(generic["secret"] as? String)
            let redeploy = try await WebhooksAPITests.deliver(app, genericURL, body: "", headers: [("X-Paas-Signature-256", WebhookSignature.sign(Data(), secret: genericSecret))])
            #expect(redeploy.status == .accepted, "\(redeploy.body.string)")
            let second = try await Self.ended(app, pushed, deployment: try #require(try redeploy.json()["deployment_id"] as? String))
            #expect(second["status"] as? String == "succeeded" && second["git_sha"] as? String == sha, "\(second)")
            let releases = try await app.send(.GET, "/api/paas/apps/\(pushed.id)/releases", token: pushed.client).jsonArray()
            #expect(releases.first?["version"] as? Int == 2, "\(releases)")
        }
    }

    @Test("Deploy with a branch builds its last push again; a branch with no push, or both image and branch, is refused")
    func branchBuild() async throws {
        try await PushableApp.with { app, _, pushed in
            let deploy = "/api/paas/apps/\(pushed.id)/deploy"
            let empty = try await app.send(.POST, deploy, token: pushed.client, json: #"{"branch": ""}"#)
            #expect(empty.status == .unprocessableEntity && empty.body.string.contains("Nothing has been pushed to main yet"), "\(empty.body.string)")
            #expect(try await app.send(.POST, deploy, token: pushed.client, json: #"{"branch": "../x"}"#).status == .unprocessableEntity)
            #expect(try await app.send(.POST, deploy, token: pushed.client, json: #"{"image": "a:1", "branch": "main"}"#).status == .unprocessableEntity)
            #expect(try await app.send(.POST, deploy, token: pushed.client, json: "{}").status == .unprocessableEntity)

            try pushed.work.write("Dockerfile", GitPushTests.dockerfile("hello-again"))
            try await pushed.work.commit("v1")
            #expect(try await pushed.push().status == 0)
            let queued = try await app.send(.POST, deploy, token: pushed.client, json: #"{"branch": "main"}"#)
            #expect(queued.status == .accepted, "\(queued.body.string)")
            let id = try #require((try queued.json()["deployment"] as? [String: Any])?["id"] as? String)
            let ended = try await Self.ended(app, pushed, deployment: id)
            #expect(ended["status"] as? String == "succeeded" && ended["trigger"] as? String == "manual", "\(ended)")
            #expect(ended["git_sha"] as? String == (try await pushed.work.head()))
            let releases = try await app.send(.GET, "/api/paas/apps/\(pushed.id)/releases", token: pushed.client).jsonArray()
            #expect(releases.first?["version"] as? Int == 2, "the push made v1, the build v2: \(releases)")
        }
    }
}
