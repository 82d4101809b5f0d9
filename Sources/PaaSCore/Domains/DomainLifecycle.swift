import Foundation

/// Where a custom domain stands, decided from what DNS and the ingress showed at one check:
/// `pending_dns` until a TXT record proves ownership, `verified` while the hostname does not
/// point at the platform yet, `cert_pending` once it does and a certificate is requested, then
/// `active`; `failed` when the claim lapsed unproven or no certificate came in time. Pure, so
/// every path is unit-tested; the App layer does the lookups and stores the decision.
public enum DomainLifecycle {
    /// How long an unproven claim keeps a hostname from everyone else.
    public static let claimLifetime: TimeInterval = 72 * 3600
    /// How long after requesting a certificate the domain is given up as failed.
    public static let certificateDeadline: TimeInterval = 24 * 3600
    /// A certificate this close to expiry was not renewed in time (Traefik renews 30 days ahead).
    public static let renewalWarning: TimeInterval = 14 * 86400
    /// How long a proven domain may go without its TXT record before ownership counts as lost:
    /// long enough for a DNS migration, short enough that a sold domain stops serving its old owner.
    public static let proofGrace: TimeInterval = 7 * 86400

    public struct State: Equatable, Sendable {
        public var status: DomainStatus
        public var verifiedAt: Date?
        public var claimExpiresAt: Date?
        public var certRequestedAt: Date?
        /// When a proven domain's TXT record was first seen missing; nil while it is there.
        public var proofMissingSince: Date?

        public init(status: DomainStatus, verifiedAt: Date? = nil, claimExpiresAt: Date? = nil, certRequestedAt: Date? = nil,
                    proofMissingSince: Date? = nil) {
            self.status = status
            self.verifiedAt = verifiedAt
            self.claimExpiresAt = claimExpiresAt
            self.certRequestedAt = certRequestedAt
            self.proofMissingSince = proofMissingSince
        }
    }

    public struct Decision: Equatable, Sendable {
        public var state: State
        public var certificate: CertificateStatus
        public var certificateExpiresAt: Date?
        public var certificateIssuer: String?
        /// What is wrong and what to do about it, for the client; nil when nothing is.
        public var problem: String?
    }

    /// - Parameters:
    ///   - dns: what the resolver answered; its `failure` leaves the status as it was.
    ///   - certificate: what the ingress serves for the hostname, probed only while it points here.
    ///   - retry: a person asked to check again, which restarts a certificate that failed.
    public static func next(_ current: State, expecting expected: DNSExpectation, dns: DNSObservation,
                            certificate: CertificateObservation?, now: Date, retry: Bool = false) -> Decision {
        var state = current
        if let failure = dns.failure {
            return Decision(state: state, certificate: .none, problem: "The DNS lookup failed (\(failure)). Nothing changed; the check runs again shortly.")
        }
        if state.verifiedAt == nil {
            guard dns.proves(expected) else {
                let lapsed = state.claimExpiresAt.map { now >= $0 } ?? false
                state.status = lapsed ? .failed : .pendingDNS
                let found = dns.txt.isEmpty ? "No such record was found yet" : "Found instead: \(dns.txt.map { "\"\($0)\"" }.joined(separator: ", "))"
                let problem = lapsed
                    ? "No TXT record proved ownership before the claim lapsed, so other accounts may now add \(expected.hostname). Check the record \(expected.challengeName) and press Verify, or remove the domain."
                    : "Add a TXT record named \(expected.challengeName) with the value \(expected.token). \(found); DNS changes can take up to an hour to show."
                return Decision(state: state, certificate: .none, problem: problem)
            }
            state.verifiedAt = now
        }
        var decision = afterProof(state, expecting: expected, dns: dns, certificate: certificate, now: now, retry: retry)
        return keepingProof(&decision, expecting: expected, dns: dns, now: now)
    }

    /// Ownership is re-checked at every pass, not only once: a domain whose TXT record stays gone
    /// past the grace period is no longer routed and must be proven again, under a fresh claim.
    private static func keepingProof(_ decision: inout Decision, expecting expected: DNSExpectation, dns: DNSObservation, now: Date) -> Decision {
        if dns.proves(expected) {
            decision.state.proofMissingSince = nil
            return decision
        }
        let since = decision.state.proofMissingSince ?? now
        guard now.timeIntervalSince(since) < proofGrace else {
            return Decision(state: State(status: .pendingDNS, claimExpiresAt: now.addingTimeInterval(claimLifetime)), certificate: .none,
                            problem: "The TXT record \(expected.challengeName) has been missing for 7 days, so ownership is no longer proven and \(expected.hostname) is not served. Add the record with the value \(expected.token) again and press Verify.")
        }
        decision.state.proofMissingSince = since
        let deadline = BillingClock.dayLabel(Int64(since.addingTimeInterval(proofGrace).timeIntervalSince1970))
        let warning = "The TXT record \(expected.challengeName) is missing. Keep it in place: without it \(expected.hostname) stops being served after \(deadline)."
        decision.problem = [warning, decision.problem].compactMap { $0 }.joined(separator: " ")
        return decision
    }

    private static func afterProof(_ current: State, expecting expected: DNSExpectation, dns: DNSObservation,
                                   certificate: CertificateObservation?, now: Date, retry: Bool) -> Decision {
        var state = current
        guard dns.pointsAt(expected) else {
            state.status = .verified
            state.certRequestedAt = nil
            let seen = (dns.aliases + dns.addresses).isEmpty ? "nothing" : (dns.aliases + dns.addresses).joined(separator: ", ")
            return Decision(state: state, certificate: .none, problem: "Ownership is proven. Now point \(expected.hostname) at the platform: \(expected.pointingAdvice). It resolves to \(seen) today.")
        }
        if let certificate, certificate.isValid(for: now) {
            state.status = .active
            let expiring = certificate.notAfter.timeIntervalSince(now) < renewalWarning
            return Decision(state: state, certificate: expiring ? .expiring : .active, certificateExpiresAt: certificate.notAfter,
                            certificateIssuer: certificate.issuer,
                            problem: expiring ? "The certificate expires soon and has not been renewed yet; renewal is retried automatically." : nil)
        }
        // The 24-hour clock starts when HTTPS is first asked for: on pointing here, on a retry, or
        // when an active certificate went missing.
        if retry || state.certRequestedAt == nil || [.pendingDNS, .verified, .active].contains(state.status) {
            state.certRequestedAt = now
        }
        if now.timeIntervalSince(state.certRequestedAt ?? now) < certificateDeadline {
            state.status = .certPending
            return Decision(state: state, certificate: .pending, problem: nil)
        }
        state.status = .failed
        return Decision(state: state, certificate: .failed,
                        problem: "No certificate was issued within 24 hours. Make sure port 80 of \(expected.hostname) reaches the platform directly (no proxy or CDN in front), then press Verify to try again.")
    }

    /// A hostname gets a route once its ownership is proven; HTTPS is requested only while it
    /// points here, so the ACME server is never asked for a name it cannot validate.
    public static func routing(_ status: DomainStatus, verified: Bool) -> (routed: Bool, tls: Bool, redirect: Bool) {
        (verified, status == .certPending || status == .active, status == .active)
    }
}
