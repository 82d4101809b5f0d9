import Foundation
import Vapor

extension AppDeployer {
    /// The step after a rollout that makes a release count as live: every process with a
    /// quantity runs healthy on Swarm within the rollout timeout, or the release fails with why.
    func healthGate(_ app: TenantApp, log: @escaping (String) async -> Void) -> (Release) async throws -> Void {
        let req = req
        return { release in
            let config = try AppDeployer.decodeConfig(release.configSnapshotSealed, box: req.application.secretBox)
            let processes = try await AppDeployer.processes(app, release: release, config: config, on: req.db)
            await log("-----> Waiting for v\(release.version) to become healthy")
            do {
                try await RolloutWatcher(docker: req.application.docker, timeoutSeconds: req.application.config.builds.rolloutTimeoutSeconds, log: log)
                    .wait(for: processes)
            } catch let unhealthy as RolloutWatcher.NeverHealthy {
                throw AppError(.unprocessableEntity, code: "release_unhealthy", unhealthy.message)
            }
        }
    }
}
