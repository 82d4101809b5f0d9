import Vapor

/// The in-memory parts of the build pipeline, made once at start-up and shared by every request.
struct BuildServices: Sendable {
    let pushSessions = PushSessions()
    let logs = BuildLogs()
    let queue = BuildQueue()
}

extension Application {
    private struct BuildServicesKey: StorageKey { typealias Value = BuildServices }

    var builds: BuildServices {
        get {
            guard let services = storage[BuildServicesKey.self] else { fatalError("BuildServices not configured") }
            return services
        }
        set { storage[BuildServicesKey.self] = newValue }
    }

    var pushSessions: PushSessions { builds.pushSessions }
    var buildLogs: BuildLogs { builds.logs }
    var buildQueue: BuildQueue { builds.queue }
}
