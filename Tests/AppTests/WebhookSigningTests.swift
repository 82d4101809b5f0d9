import Foundation
import Testing
import VaporTesting
@testable import App

extension WebhooksAPITests {
    static func gitlabSigned(_ body: String, secret: String, at timestamp: Int, id: String = "msg_2f1b") -> [(String, String)] {
        let signature = WebhookSignature.signStandard(Data(body.utf8), id: id, timestamp: String(timestamp), secret: secret) ?? "v1,unsigned"
        return [("X-Gitlab-Event", "Push Hook"), ("webhook-id", id), ("webhook-timestamp", String(timestamp)), ("webhook-signature", signature)]
    }

    @Test("GitLab's signing token: signed deliveries are checked and stale ones refused; GitHub's form content type is read")
    func signedDeliveries() async throws {
        try await TestApp.withApp { app in
            let world = try await DomainsAPITests.world(app)
            let gitlab = try await Self.create(app, world.alice, world.aliceApp, #"{"provider": "gitlab", "repository_url": "https://gitlab.example/g/p.git", "branch": "prod"}"#).json()
            let url = try #require(gitlab["url"] as? String), secret = try #require(gitlab["secret"] as? String)
            #expect(secret.hasPrefix("whsec_"), "GitLab wants its signing token as whsec_<base64>")
            #expect(Data(base64Encoded: String(secret.dropFirst(6)))?.count == 32)
            let hook = #"{"object_kind": "push", "ref": "refs/heads/main", "after": "\#(String(repeating: "2e", count: 20))", "project": {"path_with_namespace": "g/p"}}"#
            let now = Int(Date().timeIntervalSince1970)

            let signed = try await Self.deliver(app, url, body: hook, headers: Self.gitlabSigned(hook, secret: secret, at: now))
            #expect(signed.status == .accepted && signed.body.string.contains("deploys prod only"), "\(signed.body.string)")
            // Several signatures (a token being rotated): one that holds is enough.
            var rotated = Self.gitlabSigned(hook, secret: secret, at: now)
            rotated[3].1 = "v1,\(Data(repeating: 7, count: 32).base64EncodedString()) " + rotated[3].1
            #expect(try await Self.deliver(app, url, body: hook, headers: rotated).status == .accepted)

            let stale = try await Self.deliver(app, url, body: hook, headers: Self.gitlabSigned(hook, secret: secret, at: now - 600))
            #expect(stale.status == .unauthorized && stale.body.string.contains("five minutes"), "\(stale.body.string)")
            let other = "whsec_" + Data(repeating: 1, count: 32).base64EncodedString()
            let forged = try await Self.deliver(app, url, body: hook, headers: Self.gitlabSigned(hook, secret: other, at: now))
            #expect(forged.status == .unauthorized && forged.body.string.contains("webhook-signature"), "\(forged.body.string)")
            // The body changed after signing.
            let tampered = try await Self.deliver(app, url, body: hook.replacingOccurrences(of: "main", with: "prod"),
                                                  headers: Self.gitlabSigned(hook, secret: secret, at: now))
            #expect(tampered.status == .unauthorized)
            // A signature that does not hold is not rescued by the right token beside it.
            let both = Self.gitlabSigned(hook, secret: other, at: now) + [("X-Gitlab-Token", secret)]
            #expect(try await Self.deliver(app, url, body: hook, headers: both).status == .unauthorized)
            let noID = Self.gitlabSigned(hook, secret: secret, at: now).filter { $0.0 != "webhook-id" }
            let missing = try await Self.deliver(app, url, body: hook, headers: noID)
            #expect(missing.status == .unauthorized && missing.body.string.contains("webhook-id"), "\(missing.body.string)")
            // GitLab versions without signing tokens send the same secret as the token.
            let token = try await Self.deliver(app, url, body: hook, headers: [("X-Gitlab-Event", "Push Hook"), ("X-Gitlab-Token", secret)])
            #expect(token.status == .accepted, "\(token.body.string)")

            // GitHub with content type application/x-www-form-urlencoded: the JSON is the payload field,
            // the signature is over the form body.
            let github = try await Self.create(app, world.alice, world.aliceApp, #"{"provider": "github", "repository_url": "https://github.com/acme/site.git"}"#).json()
            let githubURL = try #require(github["url"] as? String), githubSecret = try #require(github["secret"] as? String)
            let push = #"{"ref": "refs/heads/dev", "after": "\#(String(repeating: "3f", count: 20))", "repository": {"full_name": "acme/site"}}"#
            let form = "payload=" + (push.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            let read = try await Self.deliver(app, githubURL, body: form, headers: Self.github(form, secret: githubSecret),
                                              contentType: "application/x-www-form-urlencoded")
            #expect(read.status == .accepted && read.body.string.contains("The push is to dev"), "\(read.body.string)")
            let overJSON = try await Self.deliver(app, githubURL, body: form, headers: Self.github(push, secret: githubSecret),
                                                  contentType: "application/x-www-form-urlencoded")
            #expect(overJSON.status == .unauthorized, "the signature covers the body as sent, not the JSON inside it")
        }
    }
}
