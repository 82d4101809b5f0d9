import Fluent
import Foundation
import PaaSCore
import Vapor

/// A push a git host reported, turned into the same build a `git push` to the platform starts:
/// the branch is fetched into the app's repository on the platform, and the commit queued.
struct WebhookDeploy {
    let req: Request
    let webhook: Webhook

    /// One fetch at a time per repository: two deliveries for one would race for its ref lock.
    static let fetchGate = KeyedSerialGate()

    /// The ref fetched commits land under, apart from the branches clients push, so a webhook
    /// never rewrites what was pushed to the platform.
    static func fetchedRef(_ branch: String) -> String { "refs/paas-webhooks/" + branch }

    /// Queues the build of a push the caller found to be for the tracked branch.
    func start(_ push: WebhookPush, app: TenantApp) async throws -> GitBuildStart.Queued {
        guard let principal = try await PrincipalMiddleware.principal(forWebhook: webhook, on: req.db) else {
            throw AppError.conflict("webhook_owner_gone", "The member who set up this webhook is no longer in the organization; set it up again as a current member.")
        }
        req.principal = principal
        let branch = webhook.trackedBranch(of: app)
        let builds = GitBuildStart(req: req, app: app)
        let path = try await builds.repositoryPath()
        var ref = "refs/heads/" + branch
        if let sealed = webhook.cloneURLSealed {
            ref = Self.fetchedRef(branch)
            try await fetch(try req.application.secretBox.open(sealed), branch: branch, into: path)
        }
        let queued = try await builds.start(ref: ref, commit: push.commit, branch: branch, trigger: "webhook", in: path)
        try await req.audit("app.webhook_deploy", target: ("app", try app.requireID().uuidString), details: "\(webhook.kind.displayName) \(branch) \(queued.commit.prefix(7))")
        return queued
    }

    private func fetch(_ url: String, branch: String, into path: String) async throws {
        let options: [String]
        do {
            options = try await BuildpackHost.resolve(url, allowInternal: req.application.config.builds.allowInternalBuildpackHosts, subject: "repository").gitOptions
        } catch let refused as BuildpackHost.Refused {
            throw AppError.invalid("repository_url", refused.message)
        }
        do {
            try await Self.fetchGate.run(path) {
                // Checked like pushed objects (`receive.fsckObjects`): a malformed object never enters the repository.
                try await GitCommand.run(options + ["-c", "fetch.fsckObjects=true", "fetch", "--quiet", "--no-tags", "--", url,
                                                    "+refs/heads/\(branch):\(Self.fetchedRef(branch))"], in: path)
            }
        } catch {
            let message = "\(error)".replacingOccurrences(of: url, with: BuildpackSource.redacted(url))
            throw AppError(.badGateway, code: "fetch_failed", "Branch \(branch) of \(BuildpackSource.redacted(url)) could not be fetched: \(message)")
        }
    }
}
