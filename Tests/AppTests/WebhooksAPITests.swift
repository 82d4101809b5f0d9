import Fluent
import Foundation
import Testing
import VaporTesting
@testable import App

@Suite("Webhooks API")
struct WebhooksAPITests {
    static func create(_ app: Application, _ token: String, _ appID: String, _ json: String) async throws -> TestingHTTPResponse {
        try await app.send(.POST, "/api/paas/apps/\(appID)/webhooks", token: token, json: json)
    }

    /// A delivery as a provider sends it: `signature` nil means none, otherwise the header value.
    static func deliver(_ app: Application, _ url: String, body: String, headers: [(String, String)],
                        contentType: String = "application/json") async throws -> TestingHTTPResponse {
        let path = try #require(URL(string: url)?.path)
        var all = headers
        all.append(("Content-Type", contentType))
        return try await app.testing().sendRequest(.POST, path, headers: HTTPHeaders(all), body: ByteBuffer(string: body))
    }

    static func github(_ body: String, secret: String, event: String = "push") -> [(String, String)] {
        [("X-GitHub-Event", event), ("X-Hub-Signature-256", WebhookSignature.sign(Data(body.utf8), secret: secret))]
    }

    @Test("Create shows the URL and secret once; lists show neither; both are only hashed or sealed at rest")
    func createAndList() async throws {
        try await TestApp.withApp { app in
            let world = try await DomainsAPITests.world(app)
            let created = try await Self.create(app, world.alice, world.aliceApp,
                                                #"{"provider": "github", "repository_url": "https://ci:tok-123@github.example/acme/site.git", "repository": "acme/site"}"#)
            #expect(created.status == .created, "\(created.body.string)")
            #expect(created.headers.first(name: .cacheControl) == "no-store")
            let body = try created.json()
            let url = try #require(body["url"] as? String), secret = try #require(body["secret"] as? String)
            #expect(url.contains("/api/paas/webhooks/whk_"))
            #expect((body["setup"] as? String)?.contains("application/json") == true)
            let webhook = try #require(body["webhook"] as? [String: Any])
            #expect(webhook["branch"] as? String == "main", "the app's deploy branch")
            #expect(webhook["repository_url"] as? String == "https://***@github.example/acme/site.git")

            let listed = try await app.send(.GET, "/api/paas/apps/\(world.aliceApp)/webhooks", token: world.alice)
            #expect(listed.status == .ok)
            #expect(try listed.jsonArray().count == 1)
            #expect(!listed.body.string.contains(secret) && !listed.body.string.contains("whk_") && !listed.body.string.contains("tok-123"))

            let row = try #require(try await Webhook.query(on: app.db).first())
            let urlSecret = String(url.split(separator: "/").last!)
            #expect(row.secretHash == SecureToken.hash(urlSecret))
            #expect(!row.secretSealed.contains(secret) && !(row.cloneURLSealed ?? "").contains("tok-123"))
            #expect(try app.secretBox.open(row.secretSealed) == secret)
        }
    }

    @Test("Bad settings are refused on their field, and the limit holds")
    func validation() async throws {
        try await TestApp.withApp { app in
            let world = try await DomainsAPITests.world(app)
            let cases: [(String, String)] = [
                (#"{"provider": "bitbucket"}"#, "provider"),
                (#"{"provider": "github"}"#, "repository_url"),
                (#"{"provider": "github", "repository_url": "git://example.com/a.git"}"#, "repository_url"),
                (#"{"provider": "gitlab", "repository_url": "file:///etc"}"#, "repository_url"),
                (#"{"provider": "github", "repository_url": "https://example.com/a.git", "repository": "no-slash"}"#, "repository"),
                (#"{"provider": "generic", "branch": "-x"}"#, "branch"),
                (#"{"provider": "generic", "branch": "a..b"}"#, "branch"),
            ]
            for (json, field) in cases {
                let response = try await Self.create(app, world.alice, world.aliceApp, json)
                #expect(response.status == .unprocessableEntity, "\(json): \(response.body.string)")
                #expect((try response.json()["error"] as? [String: Any])?["field"] as? String == field, "\(json): \(response.body.string)")
            }
            for _ in 0..<WebhookService.maxPerApp {
                #expect(try await Self.create(app, world.alice, world.aliceApp, #"{"provider": "generic"}"#).status == .created)
            }
            let over = try await Self.create(app, world.alice, world.aliceApp, #"{"provider": "generic"}"#)
            #expect(over.status == .conflict && over.body.string.contains("at most"), "\(over.body.string)")
            #expect(try await Webhook.query(on: app.db).count() == WebhookService.maxPerApp)
        }
    }

    @Test("Another organization's app and webhook ids answer 404 to list, create and delete")
    func idor() async throws {
        try await TestApp.withApp { app in
            let world = try await DomainsAPITests.world(app)
            let created = try await Self.create(app, world.alice, world.aliceApp, #"{"provider": "generic"}"#).json()
            let webhookID = try #require((created["webhook"] as? [String: Any])?["id"] as? String)
            #expect(try await app.send(.GET, "/api/paas/apps/\(world.aliceApp)/webhooks", token: world.bob).status == .notFound)
            #expect(try await Self.create(app, world.bob, world.aliceApp, #"{"provider": "generic"}"#).status == .notFound)
            #expect(try await app.send(.DELETE, "/api/paas/apps/\(world.aliceApp)/webhooks/\(webhookID)", token: world.bob).status == .notFound)
            // Bob's own app id with Alice's webhook id: still not his.
            #expect(try await app.send(.DELETE, "/api/paas/apps/\(world.bobApp)/webhooks/\(webhookID)", token: world.bob).status == .notFound)
            #expect(try await app.send(.GET, "/api/paas/apps/\(world.aliceApp)/webhooks").status == .unauthorized)
            #expect(try await Webhook.query(on: app.db).count() == 1)
            #expect(try await app.send(.DELETE, "/api/paas/apps/\(world.aliceApp)/webhooks/\(webhookID)", token: world.alice).status == .noContent)
            #expect(try await Webhook.query(on: app.db).count() == 0)
        }
    }

    @Test("Deliveries: unknown URLs 404, wrong signatures 401, pings answer, other events and branches are ignored, internal hosts are refused")
    func deliveries() async throws {
        try await TestApp.withApp { app in
            let world = try await DomainsAPITests.world(app)
            let created = try await Self.create(app, world.alice, world.aliceApp,
                                                #"{"provider": "github", "repository_url": "http://127.0.0.1:1/acme/site.git", "repository": "acme/site"}"#).json()
            let url = try #require(created["url"] as? String), secret = try #require(created["secret"] as? String)
            let sha = String(repeating: "1f", count: 20)
            let push = #"{"ref": "refs/heads/main", "after": "\#(sha)", "repository": {"full_name": "acme/site"}}"#

            #expect(try await Self.deliver(app, url.replacingOccurrences(of: "whk_", with: "whk_x"), body: push, headers: Self.github(push, secret: secret)).status == .notFound)
            let forged = try await Self.deliver(app, url, body: push, headers: Self.github(push, secret: "guess"))
            #expect(forged.status == .unauthorized && forged.body.string.contains("X-Hub-Signature-256"), "\(forged.body.string)")
            #expect(try await Self.deliver(app, url, body: push, headers: [("X-GitHub-Event", "push")]).status == .unauthorized)

            let ping = try await Self.deliver(app, url, body: "{}", headers: Self.github("{}", secret: secret, event: "ping"))
            #expect(ping.status == .ok, "\(ping.body.string)")
            #expect(try ping.json()["status"] as? String == "pong")
            let issue = try await Self.deliver(app, url, body: "{}", headers: Self.github("{}", secret: secret, event: "issues"))
            #expect(issue.status == .accepted)
            #expect(try issue.json()["status"] as? String == "ignored")
            let other = #"{"ref": "refs/heads/dev", "after": "\#(sha)", "repository": {"full_name": "acme/site"}}"#
            let ignored = try await Self.deliver(app, url, body: other, headers: Self.github(other, secret: secret))
            #expect(ignored.status == .accepted && ignored.body.string.contains("deploys main only"), "\(ignored.body.string)")
            let foreign = #"{"ref": "refs/heads/main", "after": "\#(sha)", "repository": {"full_name": "mallory/site"}}"#
            let refused = try await Self.deliver(app, url, body: foreign, headers: Self.github(foreign, secret: secret))
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("mallory/site"), "\(refused.body.string)")

            // The control plane never fetches from inside the platform's network for a tenant.
            let inside = try await Self.deliver(app, url, body: push, headers: Self.github(push, secret: secret))
            #expect(inside.status == .unprocessableEntity && inside.body.string.contains("internal address (127.0.0.1)"), "\(inside.body.string)")
            #expect(try await Deployment.query(on: app.db).count() == 0, "nothing was queued")

            // GitLab: the token header carries the secret itself.
            let gitlab = try await Self.create(app, world.alice, world.aliceApp, #"{"provider": "gitlab", "repository_url": "https://gitlab.example/g/p.git", "branch": "prod"}"#).json()
            let gitlabURL = try #require(gitlab["url"] as? String), gitlabSecret = try #require(gitlab["secret"] as? String)
            let hook = #"{"object_kind": "push", "ref": "refs/heads/main", "after": "\#(sha)", "project": {"path_with_namespace": "g/p"}}"#
            #expect(try await Self.deliver(app, gitlabURL, body: hook, headers: [("X-Gitlab-Event", "Push Hook"), ("X-Gitlab-Token", "nope")]).status == .unauthorized)
            let notProd = try await Self.deliver(app, gitlabURL, body: hook, headers: [("X-Gitlab-Event", "Push Hook"), ("X-Gitlab-Token", gitlabSecret)])
            #expect(notProd.status == .accepted && notProd.body.string.contains("deploys prod only"), "\(notProd.body.string)")

            let listed = try await app.send(.GET, "/api/paas/apps/\(world.aliceApp)/webhooks", token: world.alice).jsonArray()
            let statuses = listed.compactMap { $0["last_delivery_status"] as? String }
            #expect(statuses.contains { $0.hasPrefix("failed:") && $0.contains("internal address") }, "\(statuses)")
            #expect(statuses.contains { $0.hasPrefix("ignored:") }, "\(statuses)")
        }
    }
}
