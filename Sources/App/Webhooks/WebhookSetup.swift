import PaaSCore

/// What to enter on the provider's side, shown beside the secrets the one time they exist.
enum WebhookSetup {
    static func instructions(_ provider: WebhookProvider, branch: String) -> String {
        switch provider {
        case .github:
            return "In the repository's Settings → Webhooks → Add webhook: Payload URL is the URL above, content type application/json, Secret is the secret above, and \"Just the push event\". Pushes to \(branch) deploy."
        case .gitlab:
            return "In the project's Settings → Webhooks: URL is the URL above, Signing token (or, on GitLab versions without it, Secret token) is the secret above, trigger \"Push events\". Signed deliveries more than five minutes old are refused. Pushes to \(branch) deploy."
        case .generic:
            return "POST to the URL with the header X-Paas-Signature-256: sha256=<hex HMAC-SHA256 of the body, keyed with the secret>. An empty body deploys \(branch) as it is; {\"ref\": \"refs/heads/\(branch)\", \"commit\": \"<sha>\"} deploys one commit of it."
        }
    }
}
