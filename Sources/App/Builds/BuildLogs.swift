import Foundation
import Vapor

/// Live build output, fanned out to whoever follows it (the pushing client's hook, the deployment
/// page's event stream). Lines of a running build are kept here; the deployment row keeps the whole
/// log once the build ends, so a late follower gets it from the database instead.
actor BuildLogs {
    private struct Entry {
        var lines: [String] = []
        var followers: [UUID: AsyncStream<String>.Continuation] = [:]
    }

    private var entries: [UUID: Entry] = [:]

    func start(_ deployment: UUID) { entries[deployment] = entries[deployment] ?? Entry() }

    func append(_ deployment: UUID, _ line: String) {
        entries[deployment, default: Entry()].lines.append(line)
        for follower in entries[deployment]?.followers.values ?? [:].values { follower.yield(line) }
    }

    func text(_ deployment: UUID) -> String { (entries[deployment]?.lines ?? []).joined(separator: "\n") }

    func isRunning(_ deployment: UUID) -> Bool { entries[deployment] != nil }

    func finish(_ deployment: UUID) {
        for follower in entries[deployment]?.followers.values ?? [:].values { follower.finish() }
        entries[deployment] = nil
    }

    /// Every line so far, then new ones until the build ends; nil when the build is not running.
    func follow(_ deployment: UUID) -> AsyncStream<String>? {
        guard let entry = entries[deployment] else { return nil }
        let id = UUID()
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .unbounded)
        for line in entry.lines { continuation.yield(line) }
        entries[deployment]?.followers[id] = continuation
        continuation.onTermination = { [weak self] _ in Task { await self?.unfollow(deployment, id) } }
        return stream
    }

    private func unfollow(_ deployment: UUID, _ id: UUID) { entries[deployment]?.followers[id] = nil }
}
