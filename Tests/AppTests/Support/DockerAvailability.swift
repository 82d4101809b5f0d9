import DockerEngine
import Foundation
import Testing
import Vapor
@testable import App

/// App tests that need the real engine at DOCKER_HOST (a Swarm manager). Without one they are
/// skipped with a printed reason, unless PAAS_REQUIRE_COMPONENTS=1 (set by scripts/test), in which
/// case they run and fail with the reason — the same rule as DockerEngineTests.
enum DockerAvailability {
    static var required: Bool {
        ProcessInfo.processInfo.environment["PAAS_REQUIRE_COMPONENTS"] == "1"
    }

    static func host() throws -> DockerHost {
        try DockerHost.fromEnvironment()
    }

    /// The suite condition: run (and possibly fail) when required, otherwise only when the engine answers.
    static func shouldRun() async -> Bool {
        await unavailableReason() == nil || required
    }

    /// Why the engine cannot be used, or nil when it can. Probed once per run.
    static func unavailableReason() async -> String? {
        await probeOnce.result()
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

    private static let probeOnce = ProbeOnce()

    private actor ProbeOnce {
        private var task: Task<String?, Never>?

        func result() async -> String? {
            if let task { return await task.value }
            let task = Task {
                let reason = await DockerAvailability.probe()
                if let reason, !DockerAvailability.required {
                    print("App tests that need Docker skipped: \(reason) (PAAS_REQUIRE_COMPONENTS=1 makes this a failure)")
                }
                return reason
            }
            self.task = task
            return await task.value
        }
    }

    private static func probe() async -> String? {
        do {
            let host = try host()
            return try await DockerClient.withConnection(host: host) { docker in
                let info = try await docker.system.info()
                guard info.swarm?.localNodeState == "active", info.swarm?.controlAvailable == true else {
                    return "engine at \(host) is not a Swarm manager (scripts/lib/dockerd.sh: dockerd_up)"
                }
                return nil
            }
        } catch {
            return "Docker not usable at DOCKER_HOST: \(error)"
        }
    }
}
