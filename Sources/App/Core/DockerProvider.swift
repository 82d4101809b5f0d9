import DockerEngine
import Vapor

extension Application {
    private struct DockerKey: StorageKey { typealias Value = DockerClient }

    /// The Swarm manager's Engine API client. Made at start-up without connecting: the API version
    /// is negotiated on first use, so the panel starts (and explains itself) while Docker is down.
    var docker: DockerClient {
        get {
            guard let docker = storage[DockerKey.self] else { fatalError("Docker client not configured") }
            return docker
        }
        set { storage[DockerKey.self] = newValue }
    }
}

/// AsyncHTTPClient must be shut down before the process exits.
struct DockerClientLifecycle: LifecycleHandler {
    func shutdownAsync(_ application: Application) async {
        try? await application.docker.shutdown()
    }
}

extension AppError {
    /// Docker's failures, phrased for the person who clicked: an outage is a 503 with nothing changed.
    static func from(_ error: DockerError) -> AppError {
        if error.isUnreachable {
            return AppError(.serviceUnavailable, code: "docker_unreachable",
                            "The container engine is not reachable right now, so nothing was changed. Try again in a minute; if it persists, tell your provider.")
        }
        return AppError(.badGateway, code: "docker_error", "The container engine refused the request: \(error.message)")
    }
}
