import Foundation

/// Short git commands on the control plane's own repositories (init, config, rev-parse).
enum GitCommand {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Looked up once on PATH, so the platform runs whatever git the host ships.
    static let executable: String = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/git") {
            return "\(dir)/git"
        }
        return "/usr/bin/git"
    }()

    /// A clean environment: the host user's git configuration must not change what tenants get.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "GIT_CONFIG_NOSYSTEM": "1",
                   "HOME": "/nonexistent", "GIT_TERMINAL_PROMPT": "0", "LANG": "C"]
        env.merge(extra) { _, new in new }
        return env
    }

    static func run(_ arguments: [String], in directory: String) async throws {
        _ = try await output(arguments, in: directory)
    }

    static func output(_ arguments: [String], in directory: String) async throws -> String {
        String(decoding: try await data(arguments, in: directory), as: UTF8.self)
    }

    /// What the command printed, as bytes (`git archive` prints a tar).
    static func data(_ arguments: [String], in directory: String) async throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment()
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Both pipes drained while git runs, so a chatty command cannot fill one and stall.
        async let standardOutput = Blocking.run { out.fileHandleForReading.readDataToEndOfFile() }
        async let standardError = Blocking.run { err.fileHandleForReading.readDataToEndOfFile() }
        let (outData, errData) = try await (standardOutput, standardError)
        try await Blocking.run { process.waitUntilExit() }
        let status = process.terminationStatus
        guard status == 0 else {
            let message = String(decoding: errData, as: UTF8.self)
            let command = arguments.first(where: { !$0.hasPrefix("-") && !$0.contains("=") }) ?? ""
            throw Failure(description: "git \(command) failed (\(status)): \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return outData
    }
}
