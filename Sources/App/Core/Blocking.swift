import Foundation

/// Runs blocking calls (pipe reads and writes to child processes, waiting for them to exit) on
/// Dispatch's pool, which grows for them. Not on the application's NIO thread pool: that has one
/// thread per core, and a git request alone blocks three (stdin, stdout, stderr) on each other.
enum Blocking {
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .utility).async {
                do { continuation.resume(returning: try body()) } catch { continuation.resume(throwing: error) }
            }
        }
    }
}
