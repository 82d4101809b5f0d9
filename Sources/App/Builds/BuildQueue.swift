import Foundation
import Vapor

/// Running builds: at most `limit` per organization at once (later ones wait their turn, in
/// order), and a handle on each so it can be cancelled from the API or stopped by its timeout.
/// A build cancelled while it still waits never starts.
actor BuildQueue {
    private struct Waiter {
        let deployment: UUID
        let continuation: CheckedContinuation<Bool, Never>
    }

    private var running: [UUID: Int] = [:]
    private var waiting: [UUID: [Waiter]] = [:]
    private var tasks: [UUID: Task<Void, any Error>] = [:]
    private var cancelled: Set<UUID> = []

    /// Whether the organization is at its limit, so the caller can say it waits.
    func isFull(_ organization: UUID, limit: Int) -> Bool { running[organization, default: 0] >= limit }

    /// True once the build holds a slot; false when it was cancelled while waiting for one.
    func acquire(_ organization: UUID, limit: Int, for deployment: UUID) async -> Bool {
        if running[organization, default: 0] < limit {
            running[organization, default: 0] += 1
            return true
        }
        return await withCheckedContinuation { waiting[organization, default: []].append(Waiter(deployment: deployment, continuation: $0)) }
    }

    /// Hands the slot straight to the next waiting build, if any.
    func release(_ organization: UUID) {
        if var queue = waiting[organization], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[organization] = queue
            next.continuation.resume(returning: true)
        } else {
            running[organization, default: 1] -= 1
        }
    }

    func register(_ deployment: UUID, _ task: Task<Void, any Error>) { tasks[deployment] = task }

    func unregister(_ deployment: UUID) {
        tasks[deployment] = nil
        cancelled.remove(deployment)
    }

    /// False when no build of that deployment runs or waits in this process.
    func cancel(_ deployment: UUID) -> Bool {
        if let task = tasks[deployment] {
            cancelled.insert(deployment)
            task.cancel()
            return true
        }
        for (organization, queue) in waiting {
            guard let index = queue.firstIndex(where: { $0.deployment == deployment }) else { continue }
            waiting[organization]?.remove(at: index)
            queue[index].continuation.resume(returning: false)
            return true
        }
        return false
    }

    func wasCancelled(_ deployment: UUID) -> Bool { cancelled.contains(deployment) }

    /// Deployments waiting for a slot, oldest first (for tests).
    func waitingDeployments(_ organization: UUID) -> [UUID] { (waiting[organization] ?? []).map(\.deployment) }
}
