import Fluent
import Foundation

/// Builds and releases that were in progress when the control plane stopped. Their build
/// process and the pushing client's connection died with it, so they are failed on start, with a
/// message saying so; nothing stays `building` forever. The running release was never replaced
/// (a release only becomes current once live), so the app keeps serving it.
enum StaleBuilds {
    static let inProgress = ["queued", "building", "releasing"]
    static let message = "The control plane restarted while this deployment was in progress. Nothing was changed; push again to deploy."

    @discardableResult
    static func fail(on db: any Database) async throws -> Int {
        let stale = try await Deployment.query(on: db).filter(\.$status ~~ inProgress).all()
        for deployment in stale {
            deployment.status = "failed"
            deployment.error = message
            deployment.finishedAt = Date()
            deployment.log = [deployment.log, " !     \(message)"].compactMap { $0 }.joined(separator: "\n")
            try await deployment.save(on: db)
        }
        try await Release.query(on: db).filter(\.$status == "releasing")
            .set(\.$status, to: "failed").set(\.$error, to: message).update()
        return stale.count
    }
}
