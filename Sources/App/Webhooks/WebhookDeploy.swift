import Fluent
import Foundation
import PaaSCore
import Vapor

/// A push a git host reported, turned into the same build a `git push` to the platform starts:
/// the commit is fetched into the app's repository on the platform, archived, and queued. The
/// delivery is answered as soon as the build is queued; its log is on the deployments page.
struct WebhookDeploy {
    let req: Request
    let webhook: Webhook

    struct Queued {
        let deployment: Deployment
        let commit: String
        let branch: String
    }

    /// One fetch at a time: two deliveries for one repository would race for its ref lock.
    static let fetchGate = SerialGate()

    /// The ref fetched commits land under, apart from the branches clients push, so a webhook
    /// never rewrites what was pushed to the platform.
    static func fetchedRef(_ branch: String) -> String { "refs/paas-webhooks/" + branch }

    /// Queues the build of a push the caller found to be for the tracked branch.
    func start(_ push: WebhookPush, app: TenantApp) async throws -> Queued {
        guard let principal = try await PrincipalMiddleware.principal(forWebhook: webhook, on: req.db) else {
            throw AppError.conflict("webhook_owner_gone", "The member who set up this webhook is no longer in the organization; set it up again as a current member.")
        }
        req.principal = principal
        try await WalletGuard.requireFunds(app.organizationID, to: "deploy", on: req.db)
        let branch = webhook.trackedBranch(of: app)
        let repo = try await GitRepositories(application: req.application, db: req.db).ensure(app)
        let path = (req.application.config.dataDirectory as NSString).appendingPathComponent(repo.path)
        let ref: String
        if let sealed = webhook.cloneURLSealed {
            ref = Self.fetchedRef(branch)
            try await fetch(try req.application.secretBox.open(sealed), branch: branch, into: path)
        } else {
            ref = "refs/heads/" + branch
        }
        let commit = try await resolve(push.commit, ref: ref, branch: branch, in: path)
        let archive = try await GitCommand.data(["archive", "--format=tar", commit], in: path)
        let limit = req.application.config.builds.maxPushBytes
        guard archive.count <= limit else {
            throw AppError(.payloadTooLarge, code: "push_too_large", "The tree of \(commit.prefix(7)) is larger than the platform's limit of \(limit / 1024 / 1024) MB.")
        }
        let deployment = try await BuildRunner.queue(app, sha: commit, ref: "refs/heads/" + branch, trigger: "webhook", on: req)
        try await req.audit("app.webhook_deploy", target: ("app", try app.requireID().uuidString), details: "\(webhook.kind.displayName) \(branch) \(commit.prefix(7))")
        // The build belongs to the platform, not to the delivery: the host gets its answer now.
        let bytes = [UInt8](archive)
        Task { [req] in _ = await BuildRunner(req: req, app: app, deployment: deployment).run(archive: bytes) }
        return Queued(deployment: deployment, commit: commit, branch: branch)
    }

    private func fetch(_ url: String, branch: String, into path: String) async throws {
        let options: [String]
        do {
            options = try await BuildpackHost.resolve(url, allowInternal: req.application.config.builds.allowInternalBuildpackHosts, subject: "repository").gitOptions
        } catch let refused as BuildpackHost.Refused {
            throw AppError.invalid("repository_url", refused.message)
        }
        do {
            try await Self.fetchGate.run {
                // Checked like pushed objects (`receive.fsckObjects`): a malformed object never enters the repository.
                try await GitCommand.run(options + ["-c", "fetch.fsckObjects=true", "fetch", "--quiet", "--no-tags", "--", url, "+refs/heads/\(branch):\(Self.fetchedRef(branch))"], in: path)
            }
        } catch {
            let message = "\(error)".replacingOccurrences(of: url, with: BuildpackSource.redacted(url))
            throw AppError(.badGateway, code: "fetch_failed", "Branch \(branch) of \(BuildpackSource.redacted(url)) could not be fetched: \(message)")
        }
    }

    /// The commit to build: the one the delivery names, which must be on the fetched branch, or the branch's head.
    private func resolve(_ commit: String?, ref: String, branch: String, in path: String) async throws -> String {
        guard let head = try? await GitCommand.output(["rev-parse", "--verify", "--quiet", ref + "^{commit}"], in: path)
            .trimmingCharacters(in: .whitespacesAndNewlines), DeployRef.isCommit(head) else {
            throw AppError.invalid("ref", "Nothing has been pushed to \(branch) yet, so there is nothing to deploy.")
        }
        guard let commit, commit != head else { return head }
        // An older commit is fine (deliveries can arrive late), as long as the branch has it.
        do {
            try await GitCommand.run(["merge-base", "--is-ancestor", commit, head], in: path)
        } catch {
            throw AppError.invalid("commit", "Commit \(commit.prefix(7)) is not on branch \(branch).")
        }
        return commit
    }
}
