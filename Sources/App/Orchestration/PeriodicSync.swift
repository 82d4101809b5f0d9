import Foundation
import Vapor

/// While `serve` runs: every `PAAS_SYNC_SECONDS` (30) refresh nodes from Swarm, keep every
/// ingress running and reconcile apps.
/// Each pass is idempotent, so a crash mid-pass is repaired by the next one.
final class PeriodicSync: LifecycleHandler, @unchecked Sendable {
    private var task: Task<Void, Never>?

    func didBootAsync(_ app: Application) async throws {
        let seconds = max(5, Int(Environment.get("PAAS_SYNC_SECONDS") ?? "") ?? 30)
        let logger = app.logger
        task = Task.detached {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(seconds))
                guard !Task.isCancelled else { break }
                do {
                    await NodeAlerts.report(try await NodeSync(db: app.db, docker: app.docker).run(), app: app, logger: logger)
                    try await app.ingressManager(logger: logger).reconcile()
                    try await NodeIngress.reconcile(app, logger: logger)
                    let report = try await Reconciler(db: app.db, docker: app.docker, box: app.secretBox, logger: logger).run()
                    if !report.repaired.isEmpty { logger.notice("reconcile: re-applied \(report.repaired.joined(separator: ", "))") }
                } catch {
                    logger.warning("periodic sync skipped: \(error)")
                }
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        task?.cancel()
    }
}
