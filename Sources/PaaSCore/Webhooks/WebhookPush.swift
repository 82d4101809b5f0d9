/// What a delivery asks for, reduced to what a deploy needs.
public struct WebhookPush: Equatable, Sendable {
    /// `refs/heads/<branch>`; nil for a generic delivery that names none (the webhook's own branch).
    public let ref: String?
    /// The commit to deploy; nil for a generic delivery that means "the branch as it is now".
    public let commit: String?
    /// `owner/repo` (GitHub) or `group/project` (GitLab), when the delivery names one.
    public let repository: String?

    public init(ref: String?, commit: String?, repository: String?) {
        self.ref = ref
        self.commit = commit
        self.repository = repository
    }

    /// The branch the ref names; nil when it names none, or something other than a branch (a tag).
    public var branch: String? {
        guard let ref, ref.hasPrefix("refs/heads/") else { return nil }
        return String(ref.dropFirst("refs/heads/".count))
    }
}
