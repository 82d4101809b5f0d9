import Foundation

/// The certificate the ingress presented for a hostname (by SNI) at one check.
public struct CertificateObservation: Equatable, Sendable {
    /// Its names include the hostname: not Traefik's self-signed default, not another site's.
    public var coversHostname: Bool
    public var notBefore: Date
    public var notAfter: Date
    public var issuer: String?

    public init(coversHostname: Bool, notBefore: Date, notAfter: Date, issuer: String? = nil) {
        self.coversHostname = coversHostname
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.issuer = issuer
    }

    public func isValid(for now: Date) -> Bool {
        coversHostname && notBefore <= now && now < notAfter
    }

    /// Whether a certificate's names cover a hostname: exactly, or by a wildcard for one label.
    public static func names(_ names: [String], cover hostname: String) -> Bool {
        let host = hostname.lowercased()
        return names.map { $0.lowercased() }.contains { name in
            if name == host { return true }
            guard name.hasPrefix("*.") else { return false }
            let suffix = name.dropFirst(1)
            return host.hasSuffix(suffix) && !host.dropLast(suffix.count).contains(".") && host.count > suffix.count
        }
    }
}
