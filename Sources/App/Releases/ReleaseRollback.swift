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
        let result = try await liveRelease(app, image: earlier.image, processTypes: earlier.processTypes, config: config, trigger: "rollback",
                                           builder: "rollback", description: "Rollback to v\(earlier.version)", imageDigest: earlier.imageDigest)
        try await restoreConfig(app, config)
        return result
    }

    func restoreConfig(_ app: TenantApp, _ config: [String: String]) async throws {
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

