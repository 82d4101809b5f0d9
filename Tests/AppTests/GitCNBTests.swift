import DockerEngine
import Fluent
import Foundation
import PaaSCore
import Testing
import VaporTesting
@testable import App

/// Cloud Native Buildpacks builds through a real `git push`. A builder image (the lifecycle plus
/// buildpacks) cannot be pulled here, so the full build runs wherever the engine already has one:
/// the one PAAS_TEST_CNB_BUILDER_IMAGE names, else any of the well-known public builders. The
/// refusal of a missing builder always runs.
@Suite("git push with Cloud Native Buildpacks", .serialized, .enabled { await DockerAvailability.shouldRun() })
struct GitCNBTests {
    static let knownBuilders = ["heroku/builder:24", "heroku/builder:22", "paketobuildpacks/builder-jammy-base",
                                "paketobuildpacks/builder-jammy-full", "paketobuildpacks/builder-ubi8-base", "gcr.io/buildpacks/builder"]

    /// The first builder image the engine has, or nil (and the full build is skipped, saying so).
    static func localBuilder() async -> String? {
        let named = ProcessInfo.processInfo.environment["PAAS_TEST_CNB_BUILDER_IMAGE"].flatMap { $0.isEmpty ? nil : [$0] }
        guard let host = try? DockerAvailability.host(), let docker = try? DockerClient(host: host) else { return nil }
        var found: String?
        for image in named ?? knownBuilders where found == nil {
            if (try? await docker.images.inspect(image)) != nil { found = image }
        }
        try? await docker.shutdown()
        return found
    }

    @Test("A builder image the engine lacks: the push is refused naming it, and nothing is released")
    func missingBuilder() async throws {
        try await PushableApp.with { app, _, pushed in
            app.config.builds.cnbBuilderImage = "paas-test/no-such-builder:\(UUID().uuidString.prefix(8).lowercased())"
            try pushed.work.write("README", "no Dockerfile, no Heroku buildpack takes this")
            try await pushed.expectRejected(commit: "cnb only", reason: "is not available on the build node")
            let deployments = try await app.send(.GET, "/api/paas/apps/\(pushed.id)/deployments", token: pushed.client).jsonArray()
            #expect(deployments.first?["status"] as? String == "failed")
            #expect(try await app.send(.GET, "/api/paas/apps/\(pushed.id)/releases", token: pushed.client).jsonArray().isEmpty)
        }
    }

    @Test("A Procfile app builds with the builder's buildpacks and runs through the launcher",
          .enabled("skipped: the engine has no CNB builder image (\(knownBuilders.joined(separator: ", ")), or the one PAAS_TEST_CNB_BUILDER_IMAGE names), and none can be pulled here") { await localBuilder() != nil })
    func builds() async throws {
        try await PushableApp.with { app, docker, pushed in
            app.config.builds.cnbBuilderImage = try #require(await Self.localBuilder())
            try pushed.work.write("Procfile", "web: python3 -m http.server $PORT\n")
            try pushed.work.write("index.html", "built by cnb\n")
            try await pushed.work.commit("cnb app")
            let push = try await pushed.push()
            #expect(push.status == 0, "\(push.output)")
            #expect(push.output.contains("Cloud Native Buildpacks detected"), "\(push.output)")
            let tenant = try #require(try await TenantApp.find(UUID(uuidString: pushed.id), on: app.db))
            let body = try await GitBuildpackTests.exec(docker, service: tenant.serviceName("web"),
                                                        ["/bin/sh", "-c", "cat /workspace/index.html; ls /cnb/process"])
            #expect(body.contains("built by cnb"))
            #expect(body.contains("web"))
        }
    }
}
