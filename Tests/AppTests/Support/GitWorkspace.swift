import Foundation
import PaaSTestSupport
import Testing

/// A client's working copy in a temp directory, driven with the real `git` binary.
struct GitWorkspace {
    let directory: String

    struct Result {
        let status: Int32
        let output: String
    }

    static func make() async throws -> GitWorkspace {
        let directory = NSTemporaryDirectory() + "paas-git-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let workspace = GitWorkspace(directory: directory)
        try await workspace.git("init", "--quiet", "--initial-branch=main")
        try await workspace.git("config", "user.email", "dev@example.test")
        try await workspace.git("config", "user.name", "Dev")
        return workspace
    }

    func write(_ path: String, _ text: String, executable: Bool = false) throws {
        let full = (directory as NSString).appendingPathComponent(path)
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: true, encoding: .utf8)
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: full) }
    }

    func commit(_ message: String) async throws {
        try await git("add", "-A")
        let result = try await git("commit", "--quiet", "--allow-empty", "-m", message)
        #expect(result.status == 0, "commit failed: \(result.output)")
    }

    func head() async throws -> String { try await git("rev-parse", "HEAD").output.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// Runs git here with no prompts and no user or system configuration; stdout and stderr together.
    /// Waits on a Dispatch thread: the server under test shares this process's few async threads.
    @discardableResult
    func git(_ arguments: String...) async throws -> Result {
        let directory = self.directory
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do { continuation.resume(returning: try Self.runBlocking(arguments, in: directory)) } catch { continuation.resume(throwing: error) }
            }
        }
    }

    private static func runBlocking(_ arguments: [String], in directory: String) throws -> Result {
        var env = ProcessInfo.processInfo.environment
        env["GIT_TERMINAL_PROMPT"] = "0"
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["HOME"] = directory
        let (status, output) = try ToolRun.run("/usr/bin/env", ["git"] + arguments, in: directory, environment: env)
        return Result(status: status, output: output)
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}
