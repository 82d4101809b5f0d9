import DockerEngine
import Fluent
import Foundation
import PaaSCore
import Vapor

/// One check of a hostname: DNS through the configured resolver, the certificate the ingress
/// serves for it, and the lifecycle's decision saved. The Verify button and the periodic
/// schedule both come here, so they can never disagree.
struct DomainChecker {
    let db: any Database
    let docker: DockerClient
    let resolver: DNSResolver
    let probe: CertificateProbe
    let ingressConfig: IngressConfig
    let settings: PlatformSettings

    static func make(_ app: Application) async throws -> DomainChecker {
        DomainChecker(db: app.db, docker: app.docker, resolver: try app.dnsResolver(), probe: CertificateProbe(group: app.eventLoopGroup),
                      ingressConfig: try await app.ingressConfig(), settings: try await PlatformSettings.load(on: app.db, config: app.config))
    }

    /// - Parameter retry: a person pressed Verify, which restarts a certificate that failed.
    func check(_ domain: Domain, retry: Bool = false, now: Date = Date()) async throws {
        let app = try await domain.$app.get(on: db)
        let location = try await app.$location.get(on: db)
        let ingress = try await LocationIngress.of(location, on: db)
        if domain.isDefault {
            try await checkDefault(domain, slug: location.slug, ingress: ingress, now: now)
            return
        }
        let defaultHost = try await Domain.query(on: db).filter(\.$app.$id == app.requireID()).filter(\.$isDefault == true).first()?.hostname
        let expected = DNSExpectation(hostname: domain.hostname, token: domain.verificationToken ?? "",
                                      cnameTarget: defaultHost ?? "", ingressAddresses: ingress.addresses)
        let dns = await resolver.observe(expected)
        var certificate: CertificateObservation?
        if dns.failure == nil, domain.verifiedAt != nil || dns.proves(expected), dns.pointsAt(expected) {
            let target = await ingress.probeTarget(slug: location.slug, config: ingressConfig, docker: docker)
            certificate = await probe.observe(hostname: domain.hostname, host: target.host, port: target.port)
        }
        let decision = DomainLifecycle.next(domain.lifecycleState, expecting: expected, dns: dns, certificate: certificate, now: now, retry: retry)
        domain.lifecycleState = decision.state
        domain.lastError = decision.problem
        if dns.failure == nil {
            domain.certStatus = decision.certificate.rawValue
            domain.certExpiresAt = decision.certificateExpiresAt
            domain.certIssuer = decision.certificateIssuer
        }
        domain.lastCheckedAt = now
        try await domain.save(on: db)
    }

    /// Default hostnames always serve HTTP; HTTPS is best-effort (Let's Encrypt has refused
    /// sslip.io names under its rate limits), so only its status is tracked.
    private func checkDefault(_ domain: Domain, slug: String, ingress: LocationIngress, now: Date) async throws {
        var status = CertificateStatus.none
        var observed: CertificateObservation?
        if settings.defaultDomainHttps {
            let target = await ingress.probeTarget(slug: slug, config: ingressConfig, docker: docker)
            observed = await probe.observe(hostname: domain.hostname, host: target.host, port: target.port)
            if let observed, observed.isValid(for: now) {
                status = observed.notAfter.timeIntervalSince(now) < DomainLifecycle.renewalWarning ? .expiring : .active
            } else {
                status = .pending
            }
        }
        domain.certStatus = status.rawValue
        domain.certExpiresAt = status == .active || status == .expiring ? observed?.notAfter : nil
        domain.certIssuer = status == .active || status == .expiring ? observed?.issuer : nil
        domain.lastError = status == .pending
            ? "No certificate yet: HTTPS for default hostnames is best-effort (the certificate authority may refuse them under its rate limits). HTTP always works."
            : nil
        domain.lastCheckedAt = now
        try await domain.save(on: db)
    }
}
