import Foundation

/// A docker-registry of the test's own on a free loopback port, started only when the test says:
/// until then the port refuses, the way a platform registry that is restarting does.
final class LateRegistry: @unchecked Sendable {
    static let binary = ProcessInfo.processInfo.environment["REGISTRY_BIN"] ?? "/usr/bin/docker-registry"

    let port = FreePort.next()
    let directory = NSTemporaryDirectory() + "paas-late-registry-\(UUID().uuidString.prefix(8))"
    private var process: Process?

    var address: String { "127.0.0.1:\(port)" }

    func start() throws {
        try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
        let config = """
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: \(directory)/data
            http:
              addr: \(address)

            """
        try config.write(toFile: directory + "/config.yml", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["serve", directory + "/config.yml"]
        // Output to a file, never a pipe: a pipe nobody reads would stall the registry.
        FileManager.default.createFile(atPath: directory + "/registry.log", contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/registry.log"))
        process.standardOutput = log
        process.standardError = log
        try process.run()
        self.process = process
    }

    func stop() {
        if let process, process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: directory)
    }
}
