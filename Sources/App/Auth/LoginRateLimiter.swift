import Foundation
import Vapor

/// Slows password guessing: failures are counted per (IP, e-mail) and per IP in a sliding window.
/// In memory on purpose: a restart forgiving a few attempts costs less than a write per login.
actor LoginRateLimiter {
    let window: TimeInterval
    let maxPerAccount: Int
    let maxPerIP: Int
    private var failures: [String: [Date]] = [:]

    init(window: TimeInterval = 900, maxPerAccount: Int = 10, maxPerIP: Int = 50) {
        self.window = window
        self.maxPerAccount = maxPerAccount
        self.maxPerIP = maxPerIP
    }

    /// Seconds to wait before the next attempt, or nil when one may be made now.
    func retryAfter(ip: String, email: String, now: Date = Date()) -> Int? {
        let account = recent("a|\(ip)|\(email)", now: now)
        let address = recent("i|\(ip)", now: now)
        if account.count >= maxPerAccount, let first = account.first { return max(1, Int(window - now.timeIntervalSince(first))) }
        if address.count >= maxPerIP, let first = address.first { return max(1, Int(window - now.timeIntervalSince(first))) }
        return nil
    }

    func recordFailure(ip: String, email: String, now: Date = Date()) {
        failures["a|\(ip)|\(email)", default: []].append(now)
        failures["i|\(ip)", default: []].append(now)
        if failures.count > 10_000 { prune(now: now) }
    }

    func recordSuccess(ip: String, email: String) {
        failures["a|\(ip)|\(email)"] = nil
    }

    private func recent(_ key: String, now: Date) -> [Date] {
        let kept = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
        failures[key] = kept.isEmpty ? nil : kept
        return kept
    }

    private func prune(now: Date) {
        failures = failures.compactMapValues { dates in
            let kept = dates.filter { now.timeIntervalSince($0) < window }
            return kept.isEmpty ? nil : kept
        }
    }
}

extension Application {
    private struct LimiterKey: StorageKey { typealias Value = LoginRateLimiter }

    var loginRateLimiter: LoginRateLimiter {
        get {
            guard let limiter = storage[LimiterKey.self] else { fatalError("LoginRateLimiter not configured") }
            return limiter
        }
        set { storage[LimiterKey.self] = newValue }
    }
}
