/// The stages of a custom domain, as stored and as the API names them.
public enum DomainStatus: String, Sendable, CaseIterable, Codable {
    case pendingDNS = "pending_dns"
    case verified
    case certPending = "cert_pending"
    case active
    case failed

    /// What the stage means, for the client reading the domains page.
    public var explanation: String {
        switch self {
        case .pendingDNS: "Waiting for the TXT record that proves you own the domain."
        case .verified: "Ownership proven; waiting for the domain to point at the platform."
        case .certPending: "Points at the platform and serves over HTTP; a certificate has been requested."
        case .active: "Serves over HTTPS with a valid certificate; HTTP redirects to HTTPS."
        case .failed: "Stopped: see the reason, fix it and press Verify."
        }
    }
}
