import DockerEngine
import Fluent
import Foundation
import PaaSCore
import Testing
import VaporTesting
@testable import App

/// Cloud Native Buildpacks builds through a real `git push`. A builder image (the lifecycle plus
/// buildpacks) cannot be pulled here, so the full build runs only where the engine already has
/// one, named by PAAS_TEST_CNB_BUILDER_IMAGE; the refusal of a missing builder always runs.
@Suite("git push with Cloud Native Buildpacks", .serialized, .enabled { await DockerAvailability.shouldRun() })
struct GitCNBTests {
    static let builderImage = ProcessInfo.processInfo.environment["PAAS_TEST_CNB_BUILDER_IMAGE"] ?? ""

    static func builderPresent() async -> Bool {
        guard !builderImage.isEmpty, let host = try? DockerAvailability.host(), let docker = try? DockerClient(host: host) else { return false }
        let present = (try? await docker.images.inspect(builderImage)) != nil
        try? await docker.shutdown()
        return present
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
          .enabled("no CNB builder image exists locally: set PAAS_TEST_CNB_BUILDER_IMAGE to one the engine has") { await builderPresent() })
    func builds() async throws {
        try await PushableApp.with { app, docker, pushed in
            app.config.builds.cnbBuilderImage = Self.builderImage
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
