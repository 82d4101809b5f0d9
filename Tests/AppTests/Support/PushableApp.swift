import DockerEngine
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App

/// An app on the real Swarm, the control plane serving HTTP on loopback, and a client working copy
/// ready to push to it; the app is deleted afterwards, whatever happened.
struct PushableApp {
    let id: String
    let name: String
    let url: String
    let client: String
    let work: GitWorkspace

    var remote: String { Self.remote(url, token: client, app: name) }

    static func remote(_ url: String, token: String, app name: String) -> String {
        url.replacingOccurrences(of: "http://", with: "http://client:\(token)@") + "/git/\(name).git"
    }

    func push(_ refspec: String = "main") async throws -> GitWorkspace.Result {
        try await work.git("push", remote, refspec)
    }

    /// Writes a Dockerfile, commits it and pushes the deploy branch, expecting the release to go live.
    @discardableResult
    func deploy(dockerfile: String, commit message: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> GitWorkspace.Result {
        try work.write("Dockerfile", dockerfile)
        try await work.commit(message)
        let result = try await push()
        #expect(result.status == 0, "\(result.output)", sourceLocation: sourceLocation)
        return result
    }

    /// Commits what is in the working copy, pushes, and expects git to report the push refused
    /// with `reason` among the `remote:` lines.
    func expectRejected(commit message: String, reason: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await work.commit(message)
        let result = try await push()
        #expect(result.status != 0, "the push was accepted", sourceLocation: sourceLocation)
        #expect(result.output.contains(reason), "\(result.output)", sourceLocation: sourceLocation)
        #expect(result.output.contains("Push rejected"), sourceLocation: sourceLocation)
    }

    /// Starts the app's HTTP server on a free loopback port and returns the base URL.
    static func serve(_ app: Application) async throws -> String {
        app.http.server.configuration.hostname = "127.0.0.1"
        app.http.server.configuration.port = 0
        try await app.server.start(address: nil)
        let port = try #require(app.http.server.shared.localAddress?.port)
        return "http://127.0.0.1:\(port)"
    }

    static func with(_ body: (Application, DockerClient, PushableApp) async throws -> Void) async throws {
        if ProcessInfo.processInfo.environment["PAAS_TEST_REGISTRY"] == nil, DockerAvailability.required {
            Issue.record("PAAS_TEST_REGISTRY is not set: scripts/test starts the registry (scripts/lib/registry.sh)")
        }
        try await TestApp.withApp { app in
            let (docker, fixtures, client) = try await AppsSwarmTests.setUp(app)
            let created = try await fixtures.createApp(app, token: client)
            let id = try #require(created["id"] as? String), name = try #require(created["name"] as? String)
            let url = try await serve(app)
            let work = try await GitWorkspace.make()
            defer { work.remove() }
            do {
                try await body(app, docker, PushableApp(id: id, name: name, url: url, client: client, work: work))
            } catch {
                await app.server.shutdown()
                _ = try? await app.send(.DELETE, "/api/paas/apps/\(id)", token: client)
                throw error
            }
            await app.server.shutdown()
            #expect(try await app.send(.DELETE, "/api/paas/apps/\(id)", token: client).status == .noContent)
        }
    }
}
