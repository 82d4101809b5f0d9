import DockerEngine
import Foundation
import Testing
@testable import App

extension GitPushTests {
    @Test("A task whose engine lacks the release's image pulls it from the platform registry, by digest")
    func pulledFromRegistry() async throws {
        try await PushableApp.with { app, docker, pushed in
            try await pushed.deploy(dockerfile: Self.dockerfile("pulled-from-the-registry"), commit: "v1")
            let release = try #require(try await app.send(.GET, "/api/paas/apps/\(pushed.id)/releases", token: pushed.client).jsonArray().first)
            let image = try #require(release["image"] as? String), digest = try #require(release["image_digest"] as? String)
            let registry = try #require(app.config.builds.registry)
            #expect(image.hasPrefix(registry + "/") && image.hasSuffix(":v1@" + digest), "\(image)")

            // The engine forgets the image, as a node that never ran the app has never seen it.
            #expect(try await app.send(.POST, "/api/paas/apps/\(pushed.id)/scale", token: pushed.client, json: #"{"web": 0}"#).status == .ok)
            let tenant = try #require(try await TenantApp.find(UUID(uuidString: pushed.id), on: app.db))
            for _ in 0..<120 {
                if try await !docker.tasks.list(service: tenant.serviceName("web"), desiredState: .running).contains(where: { $0.isRunning }) { break }
                try await Task.sleep(for: .milliseconds(500))
            }
            let at = try #require(image.firstIndex(of: "@"))
            let tagged = String(image[..<at])
            let colon = try #require(tagged.lastIndex(of: ":"))
            let repository = String(tagged[..<colon])
            for reference in [tagged, "\(repository)@\(digest)"] { try? await docker.images.remove(reference, force: true) }
            #expect((try? await docker.images.inspect(image)) == nil, "the engine still has \(image)")

            #expect(try await app.send(.POST, "/api/paas/apps/\(pushed.id)/scale", token: pushed.client, json: #"{"web": 1}"#).status == .ok)
            let running = try await AppsSwarmTests.waitFor(app, pushed.id, pushed.client) { AppsSwarmTests.runningTasks($0).count == 1 }
            #expect(AppsSwarmTests.runningTasks(running).count == 1, "never ran again: \(running)")
            let pulled = try await docker.images.inspect(image)
            #expect(pulled.repoDigests?.contains("\(repository)@\(digest)") == true, "\(pulled.repoDigests ?? [])")
        }
    }
}
