/// Who sends a webhook's deliveries, which decides how they are authenticated and read.
public enum WebhookProvider: String, CaseIterable, Sendable {
    /// `X-Hub-Signature-256: sha256=<HMAC-SHA256 of the body>`, events in `X-GitHub-Event`.
    case github
    /// A signing token's `webhook-signature` (Standard Webhooks), or `X-Gitlab-Token` carrying the
    /// secret itself; events in `X-Gitlab-Event`.
    case gitlab
    /// Any system that can sign a POST: `X-Paas-Signature-256`, GitHub's scheme under our name.
    case generic

    public var displayName: String {
        switch self {
        case .github: return "GitHub"
        case .gitlab: return "GitLab"
        case .generic: return "Signed POST"
        }
    }

    /// The header that authenticates a delivery.
    public var signatureHeader: String {
        switch self {
        case .github: return "X-Hub-Signature-256"
        case .gitlab: return "X-Gitlab-Token"
        case .generic: return "X-Paas-Signature-256"
        }
    }

    /// The header that names the event, where the provider sends one.
    public var eventHeader: String? {
        switch self {
        case .github: return "X-GitHub-Event"
        case .gitlab: return "X-Gitlab-Event"
        case .generic: return nil
        }
    }
}
