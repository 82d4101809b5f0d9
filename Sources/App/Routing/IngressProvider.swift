import Vapor

extension Application {
    private struct SwarmSnapshotKey: StorageKey { typealias Value = SwarmSnapshot }

    /// One snapshot per application, shared by every ingress poll; made in `configure`.
    var swarmSnapshot: SwarmSnapshot {
        get { storage[SwarmSnapshotKey.self] ?? SwarmSnapshot() }
        set { storage[SwarmSnapshotKey.self] = newValue }
    }

    var ingressConfig: IngressConfig { IngressConfig.fromEnvironment(config) }

    func ingressManager(logger: Logger? = nil) -> IngressManager {
        IngressManager(docker: docker, db: db, config: ingressConfig, port: config.port, logger: logger ?? self.logger)
    }
}
