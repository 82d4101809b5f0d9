/// The TLS side of a hostname, as the ingress serves it.
public enum CertificateStatus: String, Sendable, CaseIterable, Codable {
    /// Not asked for: the hostname does not point here yet.
    case none
    case pending
    case active
    /// Valid, but within two weeks of expiry and not renewed.
    case expiring
    case failed
}
