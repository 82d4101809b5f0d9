import Fluent
import Foundation
import Vapor

/// Bare repositories on the control plane's disk, one per app, created on the first authorised
/// request so an unknown or foreign app name never leaves anything behind.
struct GitRepositories {
    let application: Application
    let db: any Database

    var root: String { (application.config.dataDirectory as NSString).appendingPathComponent("git") }

    /// Named by app id, not name: a deleted app's name can be taken again without inheriting history.
    static func directoryName(_ appID: UUID) -> String { "\(appID.uuidString.lowercased()).git" }

    func ensure(_ app: TenantApp) async throws -> GitRepo {
        let appID = try app.requireID()
        let name = Self.directoryName(appID)
        let path = (root as NSString).appendingPathComponent(name)
        if !FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent("HEAD")) {
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            try await GitCommand.run(["init", "--quiet", "--bare", "--initial-branch=\(app.deployBranch)", path], in: root)
        }
        // Rewritten every time, so settings and the hook follow the platform's current version.
        let settings: [(String, String)] = [
            ("http.receivepack", "true"), ("http.uploadpack", "true"),
            ("receive.maxInputSize", String(application.config.builds.maxPushBytes)),
            ("receive.fsckObjects", "true"),
        ]
        for (key, value) in settings { try await GitCommand.run(["config", key, value], in: path) }
        let hooks = (path as NSString).appendingPathComponent("hooks")
        try FileManager.default.createDirectory(atPath: hooks, withIntermediateDirectories: true)
        let hook = (hooks as NSString).appendingPathComponent("pre-receive")
        if (try? String(contentsOfFile: hook, encoding: .utf8)) != PreReceiveHook.script {
            try PreReceiveHook.script.write(toFile: hook, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
        }
        if let existing = try await GitRepo.query(on: db).filter(\.$app.$id == appID).first() { return existing }
        let repo = GitRepo()
        repo.organizationID = app.organizationID
        repo.$app.id = appID
        repo.path = "git/" + name
        repo.defaultBranch = app.deployBranch
        repo.sizeBytes = 0
        try await repo.create(on: db)
        return repo
    }

    /// After a push: what the client sees on the app page and what the quota counts.
    func recordPush(_ repo: GitRepo) async throws {
        let path = (application.config.dataDirectory as NSString).appendingPathComponent(repo.path)
        repo.sizeBytes = Self.size(of: path)
        repo.lastPushAt = Date()
        let head = try? await GitCommand.output(["rev-parse", "--verify", "--quiet", "refs/heads/\(repo.defaultBranch)"], in: path)
        repo.lastPushedSHA = head?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        try await repo.save(on: db)
    }

    static func size(of directory: String) -> Int64 {
        guard let files = FileManager.default.enumerator(atPath: directory) else { return 0 }
        var total: Int64 = 0
        while let file = files.nextObject() as? String {
            let attributes = try? FileManager.default.attributesOfItem(atPath: (directory as NSString).appendingPathComponent(file))
            total += (attributes?[.size] as? NSNumber)?.int64Value ?? 0
        }
        return total
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
