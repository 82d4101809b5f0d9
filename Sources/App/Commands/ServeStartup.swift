import Fluent
import Vapor

/// Runs before `serve` listens: the embedded default migrates itself; PostgreSQL must be migrated
/// by the operator (`paas migrate`) unless `PAAS_AUTO_MIGRATE` says otherwise.
final class ServeStartup: LifecycleHandler, @unchecked Sendable {
    /// Found before boot, queued again once the application has booted (only the lifecycle touches it).
    private var resumable: [Deployment] = []

    func willBootAsync(_ app: Application) async throws {
        let pending = try await pendingMigrations(app)
        if !pending.isEmpty {
            if app.config.autoMigrate {
                try await app.autoMigrate()
                app.logger.info("Applied \(pending.count) pending migrations.")
            } else {
                throw AppError(.internalServerError, code: "migrations_pending",
                               "The database has \(pending.count) pending migrations (first: \(pending[0])). Run `paas migrate`, or set PAAS_AUTO_MIGRATE=1.")
            }
        }
        try await FirstAdmin.ensure(app)
        let stale = try await StaleBuilds.settle(on: app.db)
        if stale.failed > 0 { app.logger.warning("Failed \(stale.failed) deployments left in progress by the previous run.") }
        resumable = stale.resumable
    }

    func didBootAsync(_ app: Application) async throws {
        let queued = await BuildResumption.resume(resumable, in: app)
        if queued > 0 { app.logger.notice("Queued \(queued) builds again that the previous run left unfinished.") }
    }

    private func pendingMigrations(_ app: Application) async throws -> [String] {
        try await app.migrator.setupIfNeeded().get()
        return try await app.migrator.previewPrepareBatch().get().map { $0.0.name }
    }
}
