import Foundation
import Vapor

/// Running builds: at most `limit` per organization at once (later ones wait their turn, in
/// order), and a handle on each so it can be cancelled from the API or stopped by its timeout.
actor BuildQueue {
    private var running: [UUID: Int] = [:]
    private var waiting: [UUID: [CheckedContinuation<Void, Never>]] = [:]
    private var tasks: [UUID: Task<Void, any Error>] = [:]
    private var cancelled: Set<UUID> = []

    /// Whether the organization is at its limit, so the caller can say it waits.
    func isFull(_ organization: UUID, limit: Int) -> Bool { running[organization, default: 0] >= limit }

    func acquire(_ organization: UUID, limit: Int) async {
        if running[organization, default: 0] < limit {
            running[organization, default: 0] += 1
            return
        }
        await withCheckedContinuation { waiting[organization, default: []].append($0) }
    }

    /// Hands the slot straight to the next waiting build, if any.
    func release(_ organization: UUID) {
        if var queue = waiting[organization], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[organization] = queue
            next.resume()
        } else {
            running[organization, default: 1] -= 1
        }
    }

    func register(_ deployment: UUID, _ task: Task<Void, any Error>) { tasks[deployment] = task }

    func unregister(_ deployment: UUID) {
        tasks[deployment] = nil
        cancelled.remove(deployment)
    }

    /// False when no build of that deployment runs in this process.
    func cancel(_ deployment: UUID) -> Bool {
        guard let task = tasks[deployment] else { return false }
        cancelled.insert(deployment)
        task.cancel()
        return true
    }

    func wasCancelled(_ deployment: UUID) -> Bool { cancelled.contains(deployment) }
}
