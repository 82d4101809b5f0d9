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
        let rollout = Deployment()
        rollout.trigger = "rollback"
        rollout.builder = "rollback"
        let lines = RolloutLines()
        let outcome = BuildOutcome(deployment: rollout, imageDigest: earlier.imageDigest, beforeTraffic: { _ in },
                                   afterRollout: healthGate(app) { await lines.add($0) })
        let result: (Release, Deployment)
        do {
            result = try await release(app, image: earlier.image, processTypes: earlier.processTypes, config: config,
                                       trigger: "rollback", builder: "rollback", description: "Rollback to v\(earlier.version)", outcome: outcome)
        } catch {
            rollout.log = await lines.text
            try? await rollout.save(on: req.db)
            throw error
        }
        result.1.log = await lines.text
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

/// What the health wait of a rollback said, kept as that deployment's log.
actor RolloutLines {
    private var lines: [String] = []
    func add(_ line: String) { lines.append(line) }
    var text: String { lines.joined(separator: "\n") }
}
