import Crypto
import DockerEngine
import Fluent
import Foundation
import SwiftASN1
import X509

/// The control plane's client certificate for the nodes' Docker APIs. A node's daemon trusts every
/// client certificate of the platform CA, and node certificates are server-only, so this one key
/// is what opens them. Issued on first use and again a month before it expires; certificate and
/// sealed key are one setting, so two issuers racing cannot leave a key with the other's certificate.
struct ControlPlaneIdentity {
    static let settingKey = "ca.control_plane_identity"
    static let lifetime: TimeInterval = 365 * 24 * 3600
    static let renewBefore: TimeInterval = 30 * 24 * 3600

    let certificatePEM: String
    let privateKeyPEM: String
    let caPEM: String

    private struct Stored: Codable {
        var certificate: String
        var sealedKey: String
    }

    var tls: DockerTLS {
        DockerTLS(caCertificate: .pem(caPEM), clientCertificate: .pem(certificatePEM), clientKey: .pem(privateKeyPEM))
    }

    static func load(on db: any Database, box: SecretBox, now: Date = Date()) async throws -> ControlPlaneIdentity {
        let ca = try await PlatformCA.load(on: db, box: box, now: now)
        let caPEM = try ca.certificatePEM
        if let text = try await PlatformSetting.get(settingKey, on: db),
           let stored = try? JSONDecoder().decode(Stored.self, from: Data(text.utf8)),
           let certificate = try? Certificate(pemEncoded: stored.certificate),
           certificate.issuer == ca.certificate.subject, certificate.notValidAfter > now.addingTimeInterval(renewBefore) {
            return ControlPlaneIdentity(certificatePEM: stored.certificate, privateKeyPEM: try box.open(stored.sealedKey), caPEM: caPEM)
        }
        let key = P256.Signing.PrivateKey()
        let certificate = try issue(for: key, by: ca, now: now)
        let pem = try certificate.serializeAsPEM().pemString
        let stored = Stored(certificate: pem, sealedKey: try box.seal(key.pemRepresentation))
        try await PlatformSetting.set(settingKey, to: String(decoding: try JSONEncoder().encode(stored), as: UTF8.self), on: db)
        return ControlPlaneIdentity(certificatePEM: pem, privateKeyPEM: key.pemRepresentation, caPEM: caPEM)
    }

    /// Client auth only: this certificate must never serve as a node's.
    private static func issue(for key: P256.Signing.PrivateKey, by ca: PlatformCA, now: Date) throws -> Certificate {
        let subject = try DistinguishedName {
            OrganizationName("PaaS platform")
            CommonName("paas-control-plane")
        }
        return try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: now.addingTimeInterval(-300), notValidAfter: now.addingTimeInterval(lifetime),
            issuer: ca.certificate.subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.clientAuth])
            },
            issuerPrivateKey: Certificate.PrivateKey(ca.privateKey))
    }
}
