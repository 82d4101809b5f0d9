import Fluent
import Foundation
import Testing
import VaporTesting
@testable import App

/// Who may use `/git/<app>.git`, and what git refuses on its own (size limit). No Docker: nothing
/// here reaches the deploy branch.
@Suite("git access")
struct GitAccessTests {
    @Test("Git refuses bad credentials, unknown apps and other organizations' apps, and stores nothing")
    func gitAccess() async throws {
        try await TestApp.withApp { app in
            let fixtures = try await AppFixtures.make(app)
            let owner = try await app.signup(), stranger = try await app.signup()
            let name = try #require(try await fixtures.createApp(app, token: owner)["name"] as? String)
            let url = try await PushableApp.serve(app)
            let work = try await GitWorkspace.make()
            defer { work.remove() }
            try work.write("README", "hi")
            try await work.commit("first")
            let anonymous = try await work.git("push", url + "/git/\(name).git", "main")
            #expect(anonymous.status != 0)
            #expect(anonymous.output.contains("Authentication failed") || anonymous.output.contains("could not read Username"), "\(anonymous.output)")
            let badToken = try await work.git("push", PushableApp.remote(url, token: "not-a-token", app: name), "main")
            #expect(badToken.status != 0)
            let foreign = try await work.git("push", PushableApp.remote(url, token: stranger, app: name), "main")
            #expect(foreign.status != 0)
            #expect(foreign.output.contains("No app named \"\(name)\" in your organization"), "\(foreign.output)")
            let unknown = try await work.git("ls-remote", PushableApp.remote(url, token: owner, app: "no-such-app"))
            #expect(unknown.status != 0)
            let gitRoot = (app.config.dataDirectory as NSString).appendingPathComponent("git")
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: gitRoot)) ?? []).isEmpty)
            #expect(try await GitRepo.query(on: app.db).count() == 0)

            // The owner can clone an empty repository and push a branch that does not deploy.
            let stored = try await work.git("push", PushableApp.remote(url, token: owner, app: name), "main:notes")
            #expect(stored.status == 0, "\(stored.output)")
            let listed = try await work.git("ls-remote", PushableApp.remote(url, token: owner, app: name))
            #expect(listed.output.contains("refs/heads/notes"))
            #expect(try await GitRepo.query(on: app.db).first()?.lastPushAt != nil)

            // Beyond the configured size, git itself refuses the pack and says why.
            app.config.builds.maxPushBytes = 20_000
            try work.write("big.bin", (0..<3000).map { _ in UUID().uuidString }.joined())
            try await work.commit("huge")
            let huge = try await work.git("push", PushableApp.remote(url, token: owner, app: name), "main:big")
            #expect(huge.status != 0)
            #expect(huge.output.contains("pack exceeds maximum allowed size"), "\(huge.output)")
            #expect(!(try await work.git("ls-remote", PushableApp.remote(url, token: owner, app: name)).output.contains("refs/heads/big")))

            // A tree that packs small but unpacks past the limit: the hook refuses it, before any build.
            try await work.git("reset", "--quiet", "--hard", "HEAD~1")
            try work.write("zeros.txt", String(repeating: "0", count: 60_000))
            try await work.commit("zeros")
            let unpacked = try await work.git("push", PushableApp.remote(url, token: owner, app: name), "main")
            #expect(unpacked.status != 0)
            #expect(unpacked.output.contains("remote:  !     The pushed tree is 19 KB or more unpacked"), "\(unpacked.output)")
            #expect(!unpacked.output.contains("{"), "the API's JSON should not reach git: \(unpacked.output)")
            #expect(try await Deployment.query(on: app.db).count() == 0)
            await app.server.shutdown()
        }
    }
}
