import Foundation
import PaaSCore
import Vapor

/// A hostname as the API shows it to its owner, with the DNS records still to set.
struct DomainDTO: Content {
    struct Record: Content, Equatable {
        let type: String
        let name: String
        let value: String
        /// What the record is for, in a few words.
        let purpose: String
    }

    struct Certificate: Content {
        let status: String
        let expiresAt: Date?
        let issuer: String?
    }

    let id: String
    let appId: String
    let appName: String?
    let hostname: String
    let `default`: Bool
    let status: String
    let statusExplanation: String
    let lastError: String?
    let verifiedAt: Date?
    let claimExpiresAt: Date?
    let lastCheckedAt: Date?
    let dnsRecords: [Record]
    let certificate: Certificate
    let createdAt: Date?

    /// - Parameters:
    ///   - defaultHostname: the app's default hostname, which a CNAME points at.
    ///   - ingressAddresses: the location's ingress IPv4s, which A records point at.
    init(_ domain: Domain, defaultHostname: String?, ingressAddresses: [String]) {
        id = domain.id?.uuidString.lowercased() ?? ""
        appId = domain.$app.id.uuidString.lowercased()
        appName = domain.$app.value?.name
        hostname = domain.hostname
        `default` = domain.isDefault
        status = domain.status
        statusExplanation = domain.isDefault ? "The hostname the app gets from the platform; it always serves over HTTP." : domain.lifecycleStatus.explanation
        lastError = domain.lastError
        verifiedAt = domain.verifiedAt
        claimExpiresAt = domain.verifiedAt == nil ? domain.claimExpiresAt : nil
        lastCheckedAt = domain.lastCheckedAt
        dnsRecords = Self.records(domain, defaultHostname: defaultHostname, ingressAddresses: ingressAddresses)
        certificate = Certificate(status: domain.certStatus ?? CertificateStatus.none.rawValue, expiresAt: domain.certExpiresAt, issuer: domain.certIssuer)
        createdAt = domain.createdAt
    }

    static func records(_ domain: Domain, defaultHostname: String?, ingressAddresses: [String]) -> [Record] {
        guard !domain.isDefault else { return [] }
        let expected = DNSExpectation(hostname: domain.hostname, token: domain.verificationToken ?? "", cnameTarget: defaultHostname ?? "",
                                      ingressAddresses: ingressAddresses)
        var records = [Record(type: "TXT", name: expected.challengeName, value: expected.token, purpose: "proves you own the domain")]
        if !expected.isApex, let defaultHostname {
            records.append(Record(type: "CNAME", name: domain.hostname, value: defaultHostname, purpose: "sends visitors to the app"))
        }
        for address in ingressAddresses {
            records.append(Record(type: "A", name: domain.hostname, value: address,
                                  purpose: expected.isApex ? "sends visitors to the app" : "or this, instead of the CNAME"))
        }
        return records
    }
}
