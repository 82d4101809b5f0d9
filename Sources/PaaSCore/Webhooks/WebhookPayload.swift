import Foundation

/// Reads a delivery's body once its signature checked out. Only pushes deploy; a provider's
/// set-up ping is answered, and every other event is acknowledged and left alone, so a host that
/// sends all events to the hook sees no failures for them.
public enum WebhookPayload {
    public enum Reading: Equatable, Sendable {
        case push(WebhookPush)
        case ping
        case ignored(String)
    }

    public static func read(_ provider: WebhookProvider, event: String?, body: Data) throws(ValidationFailure) -> Reading {
        switch provider {
        case .github:
            switch event {
            case "ping": return .ping
            case "push": break
            default: return .ignored("GitHub event \"\(event ?? "none")\" does not deploy; only push does.")
            }
        case .gitlab:
            guard event == "Push Hook" else { return .ignored("GitLab event \"\(event ?? "none")\" does not deploy; only Push Hook does.") }
        case .generic:
            break
        }
        let object: [String: Any]
        if body.isEmpty, provider == .generic {
            object = [:]
        } else {
            guard let parsed = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
                throw ValidationFailure(field: "body", message: "The delivery is not a JSON object.")
            }
            object = parsed
        }
        return try push(provider, object)
    }

    private static func push(_ provider: WebhookProvider, _ object: [String: Any]) throws(ValidationFailure) -> Reading {
        let ref = object["ref"] as? String
        switch provider {
        case .github, .gitlab:
            guard let ref, let after = object["after"] as? String else {
                throw ValidationFailure(field: "body", message: "The push delivery has no ref or no after commit.")
            }
            let named = provider == .github
                ? (object["repository"] as? [String: Any])?["full_name"] as? String
                : (object["project"] as? [String: Any])?["path_with_namespace"] as? String
            // A deleted branch arrives as a push whose after commit is all zeros.
            guard DeployRef.isCommit(after) else { return .ignored("The push deleted \(ref); there is nothing to deploy.") }
            return .push(WebhookPush(ref: ref, commit: after, repository: named))
        case .generic:
            let commit = object["commit"] as? String
            if let commit, !DeployRef.isCommit(commit) {
                throw ValidationFailure(field: "commit", message: "commit must be a full 40-character commit id.")
            }
            if let ref, !ref.hasPrefix("refs/heads/") {
                throw ValidationFailure(field: "ref", message: "ref must name a branch, like refs/heads/main.")
            }
            return .push(WebhookPush(ref: ref, commit: commit, repository: nil))
        }
    }
}
