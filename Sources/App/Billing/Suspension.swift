import DockerEngine
import Fluent
import Foundation
import Vapor

/// An organization whose wallet is at or below zero runs nothing: its apps are scaled to 0 with
/// their formation kept, and come back by themselves once a credit brings the balance above zero.
/// The database is changed first; if Docker cannot be reached, the reconcile pass applies it later.
struct Suspension {
    let db: any Database
    let docker: DockerClient
    let box: SecretBox
    let logger: Logger

    struct Change: Content, Equatable {
        var suspended: [String] = []
        var resumed: [String] = []
    }

    func enforce(_ organizationID: UUID, at now: Date = Date()) async throws -> Change {
        let wallet = try await WalletQueries.wallet(of: organizationID, on: db)
        let apps = try await TenantApp.query(on: db).filter(\.$organizationID == organizationID).all()
        var change = Change()
        var touched: [TenantApp] = []
        for app in apps {
            if wallet.balance <= 0, app.suspendedAt == nil {
                app.suspendedAt = now
                app.status = "suspended"
                change.suspended.append(app.name)
            } else if wallet.balance > 0, app.suspendedAt != nil {
                app.suspendedAt = nil
                app.status = app.currentReleaseID == nil ? "new" : "deploying"
                change.resumed.append(app.name)
            } else {
                continue
            }
            try await app.save(on: db)
            try await UsageMeter.sync(app, on: db, at: now)
            let action = app.suspendedAt == nil ? "app.resume" : "app.suspend"
            let why = app.suspendedAt == nil ? "wallet topped up to \(wallet.balance) micro-units" : "wallet balance \(wallet.balance) micro-units"
            try await Activity.record(action, on: db, request: nil, principal: nil, organizationID: organizationID,
                                      target: ("app", app.id!.uuidString), details: "\(app.name): \(why)")
            touched.append(app)
        }
        await apply(touched)
        return change
    }

    /// Scales the services to what the app's suspended state allows.
    private func apply(_ apps: [TenantApp]) async {
        let orchestrator = Orchestrator(docker: docker, logger: logger)
        for app in apps {
            do {
                guard let releaseID = app.currentReleaseID, let release = try await Release.find(releaseID, on: db) else { continue }
                let config = try AppDeployer.decodeConfig(release.configSnapshotSealed, box: box)
                try await orchestrator.apply(try await AppDeployer.processes(app, release: release, config: config, on: db))
            } catch {
                logger.warning("\(app.suspendedAt == nil ? "resume" : "suspend") of \(app.name) not applied yet, the reconcile pass retries: \(error)")
            }
        }
    }
}
