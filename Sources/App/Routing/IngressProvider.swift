import Vapor

extension Application {
    private struct SwarmSnapshotKey: StorageKey { typealias Value = SwarmSnapshot }

    /// One snapshot per application, shared by every ingress poll; made in `configure`.
    var swarmSnapshot: SwarmSnapshot {
        get { storage[SwarmSnapshotKey.self] ?? SwarmSnapshot() }
        set { storage[SwarmSnapshotKey.self] = newValue }
    }

    /// The ingress settings: the environment, with the admin's platform settings on top.
    func ingressConfig() async throws -> IngressConfig {
        IngressConfig.fromEnvironment(config).with(try await PlatformSettings.load(on: db, config: config))
    }

    func ingressManager(logger: Logger? = nil, settings: PlatformSettings? = nil) async throws -> IngressManager {
        let config: IngressConfig
        if let settings { config = IngressConfig.fromEnvironment(self.config).with(settings) } else { config = try await ingressConfig() }
        return IngressManager(docker: docker, db: db, config: config, port: self.config.port, logger: logger ?? self.logger)
    }
}
