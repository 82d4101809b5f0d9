import Fluent
import Foundation
import Vapor

/// `POST /api/paas/apps/:id/rollback/:deploymentId`: a new release that is an exact copy of an
/// earlier one (image digest, process types, config). It counts only once every process is
/// healthy; until then, and if it never is, the running release keeps serving and nothing else
/// changes. As on Heroku, the config vars then go back to that release's values too, so the next
/// config change does not quietly undo the rollback; the formation stays as it is now.
extension AppDeployer {
    func rollback(_ app: TenantApp, to target: UUID) async throws -> (Release, Deployment) {
        let appID = try app.requireID()
        let deployment = try await Deployment.query(on: req.db).filter(\.$id == target).filter(\.$app.$id == appID).first()
        let releaseID = deployment?.releaseID ?? target
        guard let earlier = try await Release.query(on: req.db).filter(\.$id == releaseID).filter(\.$app.$id == appID).first() else {
            throw AppError.notFound("Deployment")
        }
        guard earlier.status == "succeeded" else {
            throw AppError.conflict("release_not_deployable", "v\(earlier.version) never went live (\(earlier.status)), so there is nothing to roll back to.")
        }
        try await requireDocker()
        let config = try decodeConfig(earlier.configSnapshotSealed)
        // The id is known up front so the health wait streams to the deployment page like a build's log.
        let rollout = Deployment()
        let id = UUID()
        rollout.id = id
        rollout.trigger = "rollback"
        rollout.builder = "rollback"
        let logs = req.application.buildLogs
        await logs.start(id)
        let outcome = BuildOutcome(deployment: rollout, imageDigest: earlier.imageDigest, beforeTraffic: { _ in },
                                   afterRollout: healthGate(app) { await logs.append(id, $0) })
        let result: (Release, Deployment)
        do {
            result = try await release(app, image: earlier.image, processTypes: earlier.processTypes, config: config,
                                       trigger: "rollback", builder: "rollback", description: "Rollback to v\(earlier.version)", outcome: outcome)
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
        try await restoreConfig(app, config)
        return result
    }

    private func restoreConfig(_ app: TenantApp, _ config: [String: String]) async throws {
        let appID = try app.requireID()
        let box = req.application.secretBox
        try await req.db.transaction { tx in
            try await ConfigVar.query(on: tx).filter(\.$app.$id == appID).delete()
            for (key, value) in config {
                let row = ConfigVar()
                row.organizationID = app.organizationID
                row.$app.id = appID
                row.key = key
                row.valueSealed = try box.seal(value)
                try await row.create(on: tx)
            }
        }
    }
}

