import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Live install output per node, for the node page's event stream. A subscriber first gets what
/// the run has printed so far, then each new line, and its stream ends when the run ends.
/// Appends are synchronous, so lines reach subscribers in the order the script printed them.
final class InstallLogHub: Sendable {
    private struct Run {
        var lines: [String] = []
        var finished = false
        var subscribers: [UUID: AsyncStream<String>.Continuation] = [:]
    }

    private let runs = NIOLockedValueBox<[UUID: Run]>([:])

    func start(_ node: UUID) {
        let previous = runs.withLockedValue { runs in
            defer { runs[node] = Run() }
            return runs[node]?.subscribers.values.map { $0 } ?? []
        }
        previous.forEach { $0.finish() }
    }

    func append(_ node: UUID, _ line: String) {
        runs.withLockedValue { runs in
            guard runs[node] != nil else { return }
            runs[node]!.lines.append(line)
            for continuation in runs[node]!.subscribers.values { continuation.yield(line) }
        }
    }

    func finish(_ node: UUID) {
        let subscribers = runs.withLockedValue { runs in
            runs[node]?.finished = true
            defer { runs[node]?.subscribers = [:] }
            return runs[node]?.subscribers.values.map { $0 } ?? []
        }
        subscribers.forEach { $0.finish() }
    }

    func isRunning(_ node: UUID) -> Bool {
        runs.withLockedValue { $0[node].map { !$0.finished } ?? false }
    }

    /// nil when no run of this node happened since the control plane started.
    func subscribe(_ node: UUID) -> AsyncStream<String>? {
        let (stream, continuation) = AsyncStream<String>.makeStream()
        let id = UUID()
        let known = runs.withLockedValue { runs -> Bool in
            guard let run = runs[node] else { return false }
            for line in run.lines { continuation.yield(line) }
            if run.finished {
                continuation.finish()
            } else {
                runs[node]!.subscribers[id] = continuation
            }
            return true
        }
        guard known else { return nil }
        continuation.onTermination = { [weak self] _ in
            self?.runs.withLockedValue { $0[node]?.subscribers[id] = nil }
        }
        return stream
    }
}

extension Application {
    private struct InstallLogHubKey: StorageKey { typealias Value = InstallLogHub }

    var installLogs: InstallLogHub {
        get {
            guard let hub = storage[InstallLogHubKey.self] else { fatalError("InstallLogHub not configured") }
            return hub
        }
        set { storage[InstallLogHubKey.self] = newValue }
    }
}
