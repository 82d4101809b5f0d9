import Foundation
import PaaSCore
import Testing

@Suite("Webhook deliveries as read")
struct WebhookPayloadTests {
    static let sha = String(repeating: "ab", count: 20)

    static func body(_ json: String) -> Data { Data(json.utf8) }

    @Test("A GitHub push names its branch, commit and repository; ping and other events do not deploy")
    func github() throws {
        let push = try WebhookPayload.read(.github, event: "push", body: Self.body(#"{"ref": "refs/heads/main", "after": "\#(Self.sha)", "repository": {"full_name": "acme/site"}}"#))
        #expect(push == .push(WebhookPush(ref: "refs/heads/main", commit: Self.sha, repository: "acme/site")))
        if case .push(let read) = push { #expect(read.branch == "main") }
        #expect(try WebhookPayload.read(.github, event: "ping", body: Self.body("{}")) == .ping)
        guard case .ignored(let why) = try WebhookPayload.read(.github, event: "issues", body: Self.body("{}")) else { Issue.record("issues deployed"); return }
        #expect(why.contains("issues"))
        // A deleted branch is a push whose after commit is all zeros.
        let deleted = try WebhookPayload.read(.github, event: "push", body: Self.body(#"{"ref": "refs/heads/main", "after": "\#(DeployRef.zeroSHA)"}"#))
        guard case .ignored = deleted else { Issue.record("a branch deletion deployed: \(deleted)"); return }
        #expect(throws: ValidationFailure.self) { try WebhookPayload.read(.github, event: "push", body: Self.body("not json")) }
        #expect(throws: ValidationFailure.self) { try WebhookPayload.read(.github, event: "push", body: Self.body(#"{"ref": "refs/heads/main"}"#)) }
    }

    @Test("A GitLab Push Hook names its project; a tag push does not deploy")
    func gitlab() throws {
        let push = try WebhookPayload.read(.gitlab, event: "Push Hook", body: Self.body(#"{"object_kind": "push", "ref": "refs/heads/dev", "after": "\#(Self.sha)", "project": {"path_with_namespace": "group/app"}}"#))
        #expect(push == .push(WebhookPush(ref: "refs/heads/dev", commit: Self.sha, repository: "group/app")))
        guard case .ignored = try WebhookPayload.read(.gitlab, event: "Tag Push Hook", body: Self.body("{}")) else { Issue.record("a tag push deployed"); return }
    }

    @Test("A signed POST may name a branch and a commit, or nothing")
    func generic() throws {
        #expect(try WebhookPayload.read(.generic, event: nil, body: Data()) == .push(WebhookPush(ref: nil, commit: nil, repository: nil)))
        #expect(try WebhookPayload.read(.generic, event: nil, body: Self.body(#"{"ref": "refs/heads/main", "commit": "\#(Self.sha)"}"#))
            == .push(WebhookPush(ref: "refs/heads/main", commit: Self.sha, repository: nil)))
        #expect(throws: ValidationFailure.self) { try WebhookPayload.read(.generic, event: nil, body: Self.body(#"{"commit": "abc"}"#)) }
        #expect(throws: ValidationFailure.self) { try WebhookPayload.read(.generic, event: nil, body: Self.body(#"{"ref": "refs/tags/v1"}"#)) }
        #expect(WebhookPush(ref: "refs/tags/v1", commit: nil, repository: nil).branch == nil)
    }

    @Test("Branch names: plain ones pass, ones git or a refspec would misread do not")
    func branchNames() {
        for good in ["main", "release/1.2", "feature_x-y", "v2.0"] { #expect(GitBranchName.isValid(good), "\(good)") }
        for bad in ["", "-x", "/main", "main/", "a..b", "a//b", "x.lock", "a b", "a:b", "a*b", "main.", "ü", String(repeating: "a", count: 101)] {
            #expect(!GitBranchName.isValid(bad), "\(bad)")
        }
    }
}
