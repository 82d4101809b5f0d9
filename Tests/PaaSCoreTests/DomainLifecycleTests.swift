import Foundation
import Testing
import PaaSCore

@Suite("Custom domain lifecycle")
struct DomainLifecycleTests {
    let expected = DNSExpectation(hostname: "www.shop.com", token: "paas-verify=abc123", cnameTarget: "shop.paas.203.0.113.10.sslip.io",
                                  ingressAddresses: ["203.0.113.10"])
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    var claimed: DomainLifecycle.State { .init(status: .pendingDNS, claimExpiresAt: now.addingTimeInterval(DomainLifecycle.claimLifetime)) }
    let pointing = DNSObservation(txt: ["paas-verify=abc123"], aliases: ["shop.paas.203.0.113.10.sslip.io."], addresses: ["203.0.113.10"])

    func certificate(days: Double, covers: Bool = true) -> CertificateObservation {
        CertificateObservation(coversHostname: covers, notBefore: now.addingTimeInterval(-3600), notAfter: now.addingTimeInterval(days * 86400), issuer: "R11")
    }

    @Test("No TXT record: stays pending_dns and says which record to add, with what was found instead")
    func missingProof() {
        let none = DomainLifecycle.next(claimed, expecting: expected, dns: .init(), certificate: nil, now: now)
        #expect(none.state.status == .pendingDNS && none.state.verifiedAt == nil && none.certificate == CertificateStatus.none)
        #expect(none.problem?.contains("_paas-challenge.www.shop.com") == true && none.problem?.contains("paas-verify=abc123") == true)
        let wrong = DomainLifecycle.next(claimed, expecting: expected, dns: .init(txt: ["paas-verify=other"]), certificate: nil, now: now)
        #expect(wrong.state.status == .pendingDNS && wrong.problem?.contains("\"paas-verify=other\"") == true)
        #expect(!DNSObservation(txt: ["xpaas-verify=abc123"]).proves(expected) && DNSObservation(txt: [" paas-verify=abc123 "]).proves(expected))
    }

    @Test("An unproven claim lapses into failed; proof afterwards still counts")
    func lapsedClaim() {
        let later = now.addingTimeInterval(DomainLifecycle.claimLifetime + 1)
        let lapsed = DomainLifecycle.next(claimed, expecting: expected, dns: .init(), certificate: nil, now: later)
        #expect(lapsed.state.status == .failed && lapsed.problem?.contains("claim lapsed") == true)
        let proven = DomainLifecycle.next(lapsed.state, expecting: expected, dns: pointing, certificate: nil, now: later)
        #expect(proven.state.status == .certPending && proven.state.verifiedAt == later && proven.state.certRequestedAt == later)
    }

    @Test("Proof without pointing: verified, with the records to set and what the name resolves to today")
    func provenNotPointing() {
        let dns = DNSObservation(txt: ["paas-verify=abc123"], addresses: ["198.51.100.7"])
        let decision = DomainLifecycle.next(claimed, expecting: expected, dns: dns, certificate: nil, now: now)
        #expect(decision.state.status == .verified && decision.state.verifiedAt == now)
        #expect(decision.problem?.contains("CNAME record to shop.paas.203.0.113.10.sslip.io") == true && decision.problem?.contains("198.51.100.7") == true)
        let apex = DNSExpectation(hostname: "shop.com", token: "t", cnameTarget: "x", ingressAddresses: ["203.0.113.10"])
        #expect(apex.pointingAdvice == "an A record to 203.0.113.10")
        #expect(DNSObservation(addresses: ["203.0.113.10"]).pointsAt(expected) && DNSObservation(aliases: ["SHOP.paas.203.0.113.10.sslip.io"]).pointsAt(expected))
    }

    @Test("Once proven, a missing TXT record warns with the date; back in place, the warning goes")
    func proofMissingWarns() {
        let verified = DomainLifecycle.State(status: .verified, verifiedAt: now)
        let gone = DNSObservation(addresses: ["203.0.113.10"])
        let decision = DomainLifecycle.next(verified, expecting: expected, dns: gone, certificate: nil, now: now)
        #expect(decision.state.status == .certPending && decision.certificate == .pending && decision.state.verifiedAt == now)
        #expect(decision.state.proofMissingSince == now)
        #expect(decision.problem?.contains("_paas-challenge.www.shop.com is missing") == true && decision.problem?.contains("2027-01-22") == true,
                "\(decision.problem ?? "")")
        let hourLater = now.addingTimeInterval(3600)
        let still = DomainLifecycle.next(decision.state, expecting: expected, dns: gone, certificate: nil, now: hourLater)
        #expect(still.state.proofMissingSince == now, "the grace period runs from the first miss")
        let back = DomainLifecycle.next(still.state, expecting: expected, dns: pointing, certificate: nil, now: hourLater)
        #expect(back.state.proofMissingSince == nil && back.problem == nil)
    }

    @Test("A TXT record missing past the grace period unproves the domain under a fresh claim")
    func proofLost() {
        let active = DomainLifecycle.State(status: .active, verifiedAt: now, certRequestedAt: now, proofMissingSince: now)
        let gone = DNSObservation(addresses: ["203.0.113.10"])
        let almost = now.addingTimeInterval(DomainLifecycle.proofGrace - 1)
        #expect(DomainLifecycle.next(active, expecting: expected, dns: gone, certificate: certificate(days: 80), now: almost).state.status == .active)
        let after = now.addingTimeInterval(DomainLifecycle.proofGrace)
        let lost = DomainLifecycle.next(active, expecting: expected, dns: gone, certificate: certificate(days: 80), now: after)
        #expect(lost.state.status == .pendingDNS && lost.state.verifiedAt == nil && lost.state.proofMissingSince == nil)
        #expect(lost.state.claimExpiresAt == after.addingTimeInterval(DomainLifecycle.claimLifetime) && lost.certificate == CertificateStatus.none)
        #expect(lost.problem?.contains("missing for 7 days") == true)
        #expect(!DomainLifecycle.routing(lost.state.status, verified: lost.state.verifiedAt != nil).routed, "an unproven domain is not routed")
        let reproven = DomainLifecycle.next(lost.state, expecting: expected, dns: pointing, certificate: certificate(days: 80), now: after)
        #expect(reproven.state.status == .active && reproven.state.verifiedAt == after)
    }

    @Test("Pointing here with a certificate for the name: active, expiry and issuer kept; near expiry it warns")
    func active() {
        let pending = DomainLifecycle.State(status: .certPending, verifiedAt: now, certRequestedAt: now)
        let active = DomainLifecycle.next(pending, expecting: expected, dns: pointing, certificate: certificate(days: 80), now: now)
        #expect(active.state.status == .active && active.certificate == .active && active.certificateIssuer == "R11")
        #expect(active.certificateExpiresAt == now.addingTimeInterval(80 * 86400) && active.problem == nil)
        let expiring = DomainLifecycle.next(active.state, expecting: expected, dns: pointing, certificate: certificate(days: 5), now: now)
        #expect(expiring.state.status == .active && expiring.certificate == .expiring && expiring.problem != nil)
        let selfSigned = DomainLifecycle.next(pending, expecting: expected, dns: pointing, certificate: certificate(days: 300, covers: false), now: now)
        #expect(selfSigned.state.status == .certPending, "Traefik's default certificate does not count")
        let expired = DomainLifecycle.next(active.state, expecting: expected, dns: pointing, certificate: certificate(days: -1), now: now)
        #expect(expired.state.status == .certPending && expired.state.certRequestedAt == now, "an expired certificate starts the clock again")
    }

    @Test("No certificate within 24 hours: failed with the reason; Verify starts over")
    func certificateDeadline() {
        let pending = DomainLifecycle.State(status: .certPending, verifiedAt: now, certRequestedAt: now)
        let day = now.addingTimeInterval(DomainLifecycle.certificateDeadline)
        let failed = DomainLifecycle.next(pending, expecting: expected, dns: pointing, certificate: nil, now: day)
        #expect(failed.state.status == .failed && failed.certificate == .failed && failed.problem?.contains("port 80") == true)
        let still = DomainLifecycle.next(failed.state, expecting: expected, dns: pointing, certificate: nil, now: day.addingTimeInterval(60))
        #expect(still.state.status == .failed, "the periodic check does not restart it by itself")
        let retried = DomainLifecycle.next(failed.state, expecting: expected, dns: pointing, certificate: nil, now: day.addingTimeInterval(60), retry: true)
        #expect(retried.state.status == .certPending && retried.state.certRequestedAt == day.addingTimeInterval(60))
    }

    @Test("Pointing away again drops back to verified; a DNS failure changes nothing")
    func regressions() {
        let active = DomainLifecycle.State(status: .active, verifiedAt: now, certRequestedAt: now)
        let away = DomainLifecycle.next(active, expecting: expected, dns: .init(addresses: ["198.51.100.7"]), certificate: nil, now: now)
        #expect(away.state.status == .verified && away.state.certRequestedAt == nil)
        let broken = DomainLifecycle.next(active, expecting: expected, dns: .init(failure: "timed out"), certificate: nil, now: now)
        #expect(broken.state == active && broken.problem?.contains("timed out") == true)
    }

    @Test("Routes follow the status: proven domains route, HTTPS only while pointing here, redirect only when active")
    func routing() {
        #expect(DomainLifecycle.routing(.pendingDNS, verified: false) == (false, false, false))
        #expect(DomainLifecycle.routing(.verified, verified: true) == (true, false, false))
        #expect(DomainLifecycle.routing(.certPending, verified: true) == (true, true, false))
        #expect(DomainLifecycle.routing(.active, verified: true) == (true, true, true))
        #expect(DomainLifecycle.routing(.failed, verified: true) == (true, false, false))
    }

    @Test("Certificate names: exact, or a wildcard for exactly one label")
    func names() {
        #expect(CertificateObservation.names(["WWW.shop.com"], cover: "www.shop.com"))
        #expect(CertificateObservation.names(["*.shop.com"], cover: "www.shop.com"))
        #expect(!CertificateObservation.names(["*.shop.com"], cover: "a.b.shop.com"))
        #expect(!CertificateObservation.names(["*.shop.com"], cover: "shop.com"))
        #expect(!CertificateObservation.names(["abc.traefik.default"], cover: "www.shop.com"))
    }
}

@Suite("Domain check schedule")
struct DomainCheckPolicyTests {
    @Test("Often while someone waits, rarely once it works")
    func intervals() {
        func interval(_ status: DomainStatus, _ certificate: CertificateStatus? = nil, age: TimeInterval = 60, isDefault: Bool = false) -> TimeInterval {
            DomainCheckPolicy.interval(status: status, isDefault: isDefault, certificate: certificate, age: age, unit: 60)
        }
        #expect(interval(.pendingDNS) == 60 && interval(.pendingDNS, age: 7200) == 600 && interval(.verified) == 60)
        #expect(interval(.certPending) == 30)
        #expect(interval(.active, .active) == 21_600 && interval(.active, .expiring) == 3600)
        #expect(interval(.failed) == 3600)
        #expect(interval(.active, .pending, isDefault: true) == 300 && interval(.active, .active, isDefault: true) == 21_600)
        let now = Date()
        #expect(DomainCheckPolicy.isDue(lastChecked: nil, interval: 600, now: now))
        #expect(!DomainCheckPolicy.isDue(lastChecked: now.addingTimeInterval(-599), interval: 600, now: now))
        #expect(DomainCheckPolicy.isDue(lastChecked: now.addingTimeInterval(-600), interval: 600, now: now))
    }
}
