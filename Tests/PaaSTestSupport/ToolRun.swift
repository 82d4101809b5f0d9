import Foundation

/// Runs a command-line tool (bash, shellcheck, openssl) and collects its combined output, for
/// tests that judge real tools' answers.
public enum ToolRun {
    /// - Parameters:
    ///   - directory: the working directory; nil keeps this process's.
    ///   - environment: the whole environment; nil inherits this process's.
    public static func run(_ path: String, _ arguments: [String], in directory: String? = nil,
                           environment: [String: String]? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
