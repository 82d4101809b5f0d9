import Fluent
import Foundation

/// Builds and releases that were in progress when the control plane stopped. A push's client
/// connection died with it, and so did a rollout's watch: those are failed on start, with a
/// message saying so. A webhook's or a member's build that had not reached its rollout has no one
/// waiting on it, so it is built again (`BuildResumption`). Nothing stays `building` forever, and
/// the running release was never replaced (a release only becomes current once live).
enum StaleBuilds {
    static let inProgress = ["queued", "building", "releasing"]
    static let message = "The control plane restarted while this deployment was in progress. Nothing was changed; push again to deploy."

    /// Fails what cannot be resumed and returns what can.
    static func settle(on db: any Database) async throws -> (failed: Int, resumable: [Deployment]) {
        let stale = try await Deployment.query(on: db).filter(\.$status ~~ inProgress).all()
        var resumable: [Deployment] = []
        for deployment in stale {
            if BuildResumption.canResume(deployment) { resumable.append(deployment) } else { try await fail(deployment, message, on: db) }
        }
        try await Release.query(on: db).filter(\.$status == "releasing")
            .set(\.$status, to: "failed").set(\.$error, to: message).update()
        return (stale.count - resumable.count, resumable)
    }

    static func fail(_ deployment: Deployment, _ message: String, on db: any Database) async throws {
        deployment.status = "failed"
        deployment.error = message
        deployment.finishedAt = Date()
        deployment.log = [deployment.log, " !     \(message)"].compactMap { $0 }.joined(separator: "\n")
        try await deployment.save(on: db)
    }
}
