import Foundation
import Testing
@testable import DockerEngine
import PaaSTestSupport

/// Integration tests run against the real engine at DOCKER_HOST. Without one
/// they are skipped with a printed reason, unless PAAS_REQUIRE_COMPONENTS=1
/// (set by scripts/test), in which case they run and fail with the reason.
enum DockerTestSupport {
    static let busyboxImage = "paas-test/busybox:1"
    /// Every object a test creates carries this label, so leftovers of a crashed
    /// run can be found (`docker service ls --filter label=paas-test.dockerengine`).
    /// Nothing sweeps them automatically: two runs may share one engine.
    static let ownerLabel = "paas-test.dockerengine"

    static var required: Bool { DockerProbe.required }

    static func host() throws -> DockerHost { try DockerProbe.host() }

    /// Why the engine cannot be used, or nil when it can. Probed once per run.
    static func unavailableReason() async -> String? {
        await DockerProbe.unavailableReason(images: [busyboxImage], who: "DockerEngine integration tests")
    }

    /// The suite condition: run (and possibly fail) when required, otherwise
    /// only when the engine answers. The skip reason is printed, not silent.
    static func shouldRun() async -> Bool {
        await unavailableReason() == nil || required
    }

    /// Connects, failing the test with the reason when the engine is required but unusable.
    static func connect() async throws -> DockerClient {
        if let reason = await unavailableReason() {
            Issue.record("Docker required but unavailable: \(reason)")
            throw DockerError.unreachable(reason)
        }
        return try await DockerClient.connect(host: try host())
    }

    static func uniquePrefix(_ area: String) -> String {
        "dtest-\(area)-\(String(UInt32.random(in: 0...UInt32.max), radix: 36))"
    }

    /// Polls until `condition` yields a value, or fails after `timeout`.
    static func eventually<T>(
        _ what: String,
        timeout: Duration = .seconds(60),
        every interval: Duration = .milliseconds(250),
        _ condition: () async throws -> T?
    ) async throws -> T {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var lastError: (any Error)?
        while clock.now < deadline {
            do {
                if let value = try await condition() { return value }
            } catch {
                lastError = error
            }
            try await Task.sleep(for: interval)
        }
        throw DockerError.invalidResponse("timed out waiting for \(what)\(lastError.map { " (last error: \($0))" } ?? "")")
    }

    /// A network stays "in use" for a moment after its last task is gone.
    static func removeNetwork(_ docker: DockerClient, _ id: String) async throws {
        _ = try await eventually("network \(id) removal", timeout: .seconds(30)) { () -> Bool? in
            do {
                try await docker.networks.remove(id)
                return true
            } catch let error as DockerError where error.isNotFound {
                return true
            }
        }
    }
}

/// Names and labels of one test's objects, all removed when it ends.
struct TestRun: Sendable {
    let prefix: String

    var labels: [String: String] {
        [DockerTestSupport.ownerLabel: "1", "paas-test.run": prefix]
    }

    var filter: DockerFilters { .label("paas-test.run=\(prefix)") }

    /// Connects, runs `body`, then removes everything labelled with this run
    /// even when `body` failed, and shuts the client down.
    static func with(_ area: String, _ body: (DockerClient, TestRun) async throws -> Void) async throws {
        let docker = try await DockerTestSupport.connect()
        let run = TestRun(prefix: DockerTestSupport.uniquePrefix(area))
        var failure: (any Error)?
        do {
            try await body(docker, run)
        } catch {
            failure = error
        }
        await run.cleanUp(docker)
        try? await docker.shutdown()
        if let failure { throw failure }
    }

    func cleanUp(_ docker: DockerClient) async {
        for service in (try? await docker.services.list(filters: filter)) ?? [] {
            try? await docker.services.remove(service.id)
        }
        for container in (try? await docker.containers.list(all: true, filters: filter)) ?? [] {
            try? await docker.containers.remove(container.id, force: true)
        }
        for secret in (try? await docker.secrets.list(filters: filter)) ?? [] {
            try? await docker.secrets.remove(secret.id)
        }
        for network in (try? await docker.networks.list(filters: filter)) ?? [] {
            try? await DockerTestSupport.removeNetwork(docker, network.id)
        }
    }
}

extension AsyncThrowingStream {
    /// Reads a finite stream to its end.
    func collect() async throws -> [Element] {
        var all: [Element] = []
        for try await element in self { all.append(element) }
        return all
    }
}

/// Fails instead of hanging when `operation` does not finish in time.
func withTimeout<T: Sendable>(_ limit: Duration, _ what: String, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw DockerError.invalidResponse("\(what) did not finish within \(limit)")
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
