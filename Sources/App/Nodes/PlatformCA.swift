import Crypto
import Fluent
import Foundation
import PaaSCore
import SwiftASN1
import X509

/// The platform's own certificate authority (DESIGN decision 11): it signs each node's Docker API
/// certificate, so the control plane can require mTLS to nodes it installed and nothing else.
/// Made on first use; the key is sealed with the master key in `paas_settings`.
struct PlatformCA {
    static let certificateKey = "ca.certificate_pem"
    static let sealedKeyKey = "ca.private_key_sealed"
    static let nodeCertificateLifetime: TimeInterval = 365 * 24 * 3600

    let certificate: Certificate
    let privateKey: P256.Signing.PrivateKey

    var certificatePEM: String { get throws { try certificate.serializeAsPEM().pemString } }

    /// Loads the CA, or creates it when there is none. Two first uses racing both try to insert;
    /// the loser reads the winner's.
    static func load(on db: any Database, box: SecretBox, now: Date = Date()) async throws -> PlatformCA {
        if let existing = try await read(on: db, box: box) { return existing }
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName {
            OrganizationName("PaaS platform")
            CommonName("PaaS platform CA")
        }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(),
            publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: now.addingTimeInterval(-300), notValidAfter: now.addingTimeInterval(20 * 365 * 24 * 3600),
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: Certificate.PrivateKey(key))
        let sealed = try box.seal(key.pemRepresentation)
        // Key first: a certificate without its key would be unusable.
        if try await PlatformSetting.get(sealedKeyKey, on: db) == nil {
            try await PlatformSetting.set(sealedKeyKey, to: sealed, on: db)
            try await PlatformSetting.set(certificateKey, to: try certificate.serializeAsPEM().pemString, on: db)
        }
        return try await read(on: db, box: box) ?? PlatformCA(certificate: certificate, privateKey: key)
    }

    private static func read(on db: any Database, box: SecretBox) async throws -> PlatformCA? {
        guard let sealed = try await PlatformSetting.get(sealedKeyKey, on: db),
              let pem = try await PlatformSetting.get(certificateKey, on: db) else { return nil }
        return PlatformCA(certificate: try Certificate(pemEncoded: pem),
                          privateKey: try P256.Signing.PrivateKey(pemRepresentation: try box.open(sealed)))
    }

    /// Signs a node's CSR for its Docker API: server auth only, for its IPv4 address only. Not
    /// client auth: a node's key (on a machine tenants' code runs on) must never open another
    /// node's Docker API, which trusts every client certificate of this authority.
    func issueNodeCertificate(csrPEM: String, nodeID: UUID, ipv4: String, now: Date = Date()) throws -> Certificate {
        let csr: CertificateSigningRequest
        do {
            csr = try CertificateSigningRequest(pemEncoded: csrPEM)
        } catch {
            throw AppError.invalid("csr", "The certificate request is not a PEM-encoded CSR.")
        }
        guard csr.publicKey.isValidSignature(csr.signature, for: csr) else {
            throw AppError.invalid("csr", "The certificate request's signature does not match its key.")
        }
        guard let address = IPv4Address.normalized(ipv4) else {
            throw AppError.invalid("ipv4", "The node's address \(ipv4) is not an IPv4 address.")
        }
        let octets = address.split(separator: ".").map { UInt8($0)! }
        let subject = try DistinguishedName {
            OrganizationName("PaaS platform")
            CommonName("node-\(nodeID.uuidString.lowercased())")
        }
        return try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: csr.publicKey,
            notValidBefore: now.addingTimeInterval(-300), notValidAfter: now.addingTimeInterval(Self.nodeCertificateLifetime),
            issuer: certificate.subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames([.ipAddress(ASN1OctetString(contentBytes: ArraySlice(octets)))])
            },
            issuerPrivateKey: Certificate.PrivateKey(privateKey))
    }
}
