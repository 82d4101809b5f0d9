import Foundation
import PaaSCore
import Vapor

/// A build of a commit already in the app's repository on the platform, started without a push:
/// by a webhook after it fetched the commit, or by a member asking to build a branch again. It is
/// the same build a push runs, answered as soon as it is queued; the log is on the deployments page.
struct GitBuildStart {
    let req: Request
    let app: TenantApp

    struct Queued {
        let deployment: Deployment
        let commit: String
        let branch: String
    }

    /// The repository's directory on disk, created on first use like a push would.
    func repositoryPath() async throws -> String {
        let repo = try await GitRepositories(application: req.application, db: req.db).ensure(app)
        return (req.application.config.dataDirectory as NSString).appendingPathComponent(repo.path)
    }

    /// A member's "build this branch again": its last push, built as a push would be.
    func branch(_ raw: String?) async throws -> Queued {
        let branch = (raw ?? "").trimmingCharacters(in: .whitespaces).nilIfEmpty ?? app.deployBranch
        guard GitBranchName.isValid(branch) else { throw AppError.invalid("branch", GitBranchName.rule) }
        let queued = try await start(ref: "refs/heads/" + branch, commit: nil, branch: branch, trigger: "manual", in: try await repositoryPath())
        try await req.audit("app.build", target: ("app", try app.requireID().uuidString), details: "\(branch) \(queued.commit.prefix(7))")
        return queued
    }

    /// Queues `commit` (or the head of `ref`) as a build of `branch`. The principal must be set.
    func start(ref: String, commit: String?, branch: String, trigger: String, in path: String) async throws -> Queued {
        let commit = try await resolve(commit, ref: ref, branch: branch, in: path)
        // After the commit is known: "nothing to build" helps more than "top up" when both hold.
        try await WalletGuard.requireFunds(app.organizationID, to: "deploy", on: req.db)
        let archive = try await tree(of: commit, in: path)
        let deployment = try await BuildRunner.queue(app, sha: commit, ref: "refs/heads/" + branch, trigger: trigger, on: req)
        run(deployment, archive)
        return Queued(deployment: deployment, commit: commit, branch: branch)
    }

    /// The commit's tree as the build's context, within the push size limit.
    func tree(of commit: String, in path: String) async throws -> [UInt8] {
        let archive = try await GitCommand.data(["archive", "--format=tar", commit], in: path)
        let limit = req.application.config.builds.maxPushBytes
        guard archive.count <= limit else {
            throw AppError(.payloadTooLarge, code: "push_too_large", "The tree of \(commit.prefix(7)) is larger than the platform's limit of \(limit / 1024 / 1024) MB.")
        }
        return [UInt8](archive)
    }

    /// The build belongs to the platform, not to the request that queued it.
    func run(_ deployment: Deployment, _ archive: [UInt8]) {
        Task { [req, app] in _ = await BuildRunner(req: req, app: app, deployment: deployment).run(archive: archive) }
    }

    /// The commit to build: the one asked for, which must be on the branch, or the branch's head.
    private func resolve(_ commit: String?, ref: String, branch: String, in path: String) async throws -> String {
        guard let head = try? await GitCommand.output(["rev-parse", "--verify", "--quiet", ref + "^{commit}"], in: path)
            .trimmingCharacters(in: .whitespacesAndNewlines), DeployRef.isCommit(head) else {
            throw AppError.invalid("branch", "Nothing has been pushed to \(branch) yet, so there is nothing to build.")
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
