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

    /// A release made without a build (an image deploy, a config change, a rollback): like a
    /// build's, it becomes current only once every process is healthy, and until then, or if it
    /// never is, the running release keeps serving. The wait's lines are the deployment's log, and
    /// stream to its page while it lasts.
    func liveRelease(_ app: TenantApp, image: String, processTypes: String?, config: [String: String], trigger: String,
                     builder: String?, description: String, imageDigest: String?) async throws -> (Release, Deployment) {
        let rollout = Deployment()
        let id = UUID()
        rollout.id = id
        let logs = req.application.buildLogs
        await logs.start(id)
        let outcome = BuildOutcome(deployment: rollout, imageDigest: imageDigest, beforeTraffic: { _ in },
                                   afterRollout: healthGate(app) { await logs.append(id, $0) })
        let result: (Release, Deployment)
        do {
            result = try await release(app, image: image, processTypes: processTypes, config: config, trigger: trigger,
                                       builder: builder, description: description, outcome: outcome)
        } catch {
            rollout.log = await logs.text(id)
            await logs.finish(id)
            // Only a row the release step wrote; a refusal before it leaves nothing behind.
            if rollout.$id.exists { try? await rollout.save(on: req.db) }
            throw error
        }
        result.1.log = await logs.text(id)
        await logs.finish(id)
        try await result.1.save(on: req.db)
        return result
    }
}
