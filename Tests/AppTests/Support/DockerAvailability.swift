import DockerEngine
import Foundation
import Testing
import Vapor
@testable import App
import PaaSTestSupport

/// App tests that need the real engine at DOCKER_HOST (a Swarm manager). Without one they are
/// skipped with a printed reason, unless PAAS_REQUIRE_COMPONENTS=1 (set by scripts/test), in which
/// case they run and fail with the reason — the same rule as DockerEngineTests.
enum DockerAvailability {
    static var required: Bool { DockerProbe.required }

    static func host() throws -> DockerHost { try DockerProbe.host() }

    /// The suite condition: run (and possibly fail) when required, otherwise only when the engine answers.
    static func shouldRun() async -> Bool {
        await unavailableReason() == nil || required
    }

    /// Why the engine cannot be used, or nil when it can. Probed once per run.
    static func unavailableReason() async -> String? {
        await DockerProbe.unavailableReason(who: "App tests that need Docker")
    }

    /// Points `app.docker` at DOCKER_HOST (TestApp's configuration reads no environment), failing
    /// the test with the reason when the engine is required but unusable.
    @discardableResult
    static func use(in app: Application) async throws -> DockerClient {
        if let reason = await unavailableReason() {
            Issue.record("Docker required but unavailable: \(reason)")
            throw DockerError.unreachable(reason)
        }
        let previous = app.docker
        app.docker = try DockerClient(host: try host())
        try await previous.shutdown()
        return app.docker
    }
}
