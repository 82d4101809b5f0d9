import Foundation

/// How often the periodic pass looks at a hostname again, in units of the pass interval
/// (`PAAS_DOMAIN_CHECK_SECONDS`, a minute by default): often while a person is likely waiting
/// for it (a new domain, a certificate on its way), rarely once it works, so a platform with
/// thousands of domains asks DNS and the ingress little.
public enum DomainCheckPolicy {
    public static func interval(status: DomainStatus, isDefault: Bool, certificate: CertificateStatus?, age: TimeInterval,
                                unit: TimeInterval) -> TimeInterval {
        if isDefault {
            switch certificate {
            case .active?: return 360 * unit
            case .none?, nil: return 60 * unit
            default: return 5 * unit
            }
        }
        switch status {
        case .pendingDNS, .verified: return age < 3600 ? unit : 10 * unit
        case .certPending: return unit / 2
        case .active: return certificate == .expiring ? 60 * unit : 360 * unit
        case .failed: return 60 * unit
        }
    }

    public static func isDue(lastChecked: Date?, interval: TimeInterval, now: Date) -> Bool {
        guard let lastChecked else { return true }
        return now.timeIntervalSince(lastChecked) >= interval
    }
}
