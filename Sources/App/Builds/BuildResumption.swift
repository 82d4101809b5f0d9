import Fluent
import Foundation
import Vapor

/// Builds a restart interrupted that no one waits on: a webhook's, or a member's "build again".
/// Their commit is still in the app's repository, so each is queued again from the start, as the
/// member who started it; the build is idempotent up to its release, which is made only at the end.
enum BuildResumption {
    static let triggers: Set<String> = ["webhook", "manual"]
    /// A build in its rollout is not resumed: what Swarm did meanwhile is not known.
    static let states: Set<String> = ["queued", "building"]

    static func canResume(_ deployment: Deployment) -> Bool {
        triggers.contains(deployment.trigger) && states.contains(deployment.status) && deployment.gitSHA != nil
    }

    /// Queues each again; one that cannot be (its app, member or commit gone, an empty wallet)
    /// is failed with the reason. Returns how many were queued.
    @discardableResult
    static func resume(_ deployments: [Deployment], in application: Application) async -> Int {
        var queued = 0
        for deployment in deployments {
            do {
                try await resume(deployment, in: application)
                queued += 1
            } catch {
                let message = "The control plane restarted during this build, and it could not be started again: \(BuildFailure.message(error))"
                try? await StaleBuilds.fail(deployment, message, on: application.db)
            }
        }
        return queued
    }

    private static func resume(_ deployment: Deployment, in application: Application) async throws {
        let id = try deployment.requireID(), db = application.db
        guard let app = try await TenantApp.query(on: db).filter(\.$id == deployment.$app.id)
            .filter(\.$organizationID == deployment.organizationID).with(\.$plan).with(\.$location).first() else {
            throw AppError.notFound("App")
        }
        guard let principal = try await PrincipalMiddleware.principal(member: deployment.createdBy, of: deployment.organizationID,
                                                                       as: .resumedBuild(id), on: db) else {
            throw AppError.conflict("member_gone", "the member who started it is no longer in the organization.")
        }
        let req = Request(application: application, on: application.eventLoopGroup.next())
        req.principal = principal
        try await WalletGuard.requireFunds(app.organizationID, to: "deploy", on: db)
        let builds = GitBuildStart(req: req, app: app)
        let archive = try await builds.tree(of: deployment.gitSHA ?? "", in: try await builds.repositoryPath())
        deployment.status = "queued"
        deployment.startedAt = nil
        try await deployment.save(on: db)
        await application.buildLogs.start(id)
        await application.buildLogs.append(id, "-----> The control plane restarted during this build; building \(deployment.gitSHA?.prefix(7) ?? "") again")
        builds.run(deployment, archive)
    }
}
