import Fluent
import Foundation
import PaaSCore
import Vapor

/// While `serve` runs: every `PAAS_DOMAIN_CHECK_SECONDS` (60) re-check the hostnames that are
/// due (DomainCheckPolicy): new claims until their TXT proof shows, certificates on their way,
/// and working domains now and then for expiry and renewal. A check only reads DNS and the
/// ingress and saves the outcome, so a pass that dies is simply made up by the next.
final class DomainSchedule: LifecycleHandler, @unchecked Sendable {
    private var task: Task<Void, Never>?

    func didBootAsync(_ app: Application) async throws {
        let seconds = max(1, Int(Environment.get("PAAS_DOMAIN_CHECK_SECONDS") ?? "") ?? 60)
        task = Task.detached {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(seconds))
                guard !Task.isCancelled else { break }
                do {
                    let checked = try await Self.pass(app, unit: TimeInterval(seconds))
                    if checked > 0 { app.logger.debug("domain checks: \(checked) hostnames") }
                } catch {
                    app.logger.warning("domain check pass failed, the next one retries: \(error)")
                }
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        task?.cancel()
    }

    /// Checks every hostname that is due; returns how many were checked.
    static func pass(_ app: Application, unit: TimeInterval, now: Date = Date(), limit: Int = 500) async throws -> Int {
        let checker = try await DomainChecker.make(app)
        // Nothing is due more often than every half unit, so the rest never leaves the database.
        let recent = now.addingTimeInterval(-unit / 2)
        let candidates = try await Domain.query(on: app.db).group(.or) { $0.filter(\.$lastCheckedAt == nil).filter(\.$lastCheckedAt <= recent) }.all()
        let due = candidates.filter { domain in
            let interval = DomainCheckPolicy.interval(status: domain.lifecycleStatus, isDefault: domain.isDefault,
                                                      certificate: domain.certStatus.flatMap(CertificateStatus.init(rawValue:)),
                                                      age: now.timeIntervalSince(domain.createdAt ?? now), unit: unit)
            return DomainCheckPolicy.isDue(lastChecked: domain.lastCheckedAt, interval: interval, now: now)
        }
        for domain in due.sorted(by: { ($0.lastCheckedAt ?? .distantPast) < ($1.lastCheckedAt ?? .distantPast) }).prefix(limit) {
            do {
                try await checker.check(domain, now: now)
            } catch {
                app.logger.warning("domain check of \(domain.hostname) failed: \(error)")
            }
        }
        return min(due.count, limit)
    }
}
