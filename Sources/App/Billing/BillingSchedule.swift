import Foundation
import Vapor

/// While `serve` runs: a billing pass every `PAAS_BILLING_SECONDS` (300). A pass charges only
/// hours that are closed and not yet charged, so running it often costs one cheap query.
final class BillingSchedule: LifecycleHandler, @unchecked Sendable {
    private var task: Task<Void, Never>?

    func didBootAsync(_ app: Application) async throws {
        let seconds = max(10, Int(Environment.get("PAAS_BILLING_SECONDS") ?? "") ?? 300)
        task = Task.detached {
            while !Task.isCancelled {
                do {
                    _ = try await BillingJob(application: app).run()
                } catch {
                    app.logger.warning("billing pass failed, the next one retries: \(error)")
                }
                try? await Task.sleep(for: .seconds(seconds))
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        task?.cancel()
    }
}
