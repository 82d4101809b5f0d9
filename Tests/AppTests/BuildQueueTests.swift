import Foundation
import Testing
@testable import App

@Suite("Build queue")
struct BuildQueueTests {
    @Test("An organization's builds beyond its limit wait in order; other organizations are not held up")
    func limits() async throws {
        let queue = BuildQueue()
        let busy = UUID(), other = UUID()
        #expect(await queue.acquire(busy, limit: 1, for: UUID()))
        #expect(await queue.isFull(busy, limit: 1))
        #expect(!(await queue.isFull(other, limit: 1)))
        #expect(await queue.acquire(other, limit: 1, for: UUID()))

        let order = OrderLog()
        let second = Task { _ = await queue.acquire(busy, limit: 1, for: UUID()); await order.add("second") }
        try await Task.sleep(for: .milliseconds(100))
        let third = Task { _ = await queue.acquire(busy, limit: 1, for: UUID()); await order.add("third") }
        try await Task.sleep(for: .milliseconds(100))
        #expect(await order.entries.isEmpty, "a build started past the limit")
        await queue.release(busy)
        await second.value
        try await Task.sleep(for: .milliseconds(100))
        #expect(await order.entries == ["second"])
        await queue.release(busy)
        await third.value
        #expect(await order.entries == ["second", "third"])
        await queue.release(busy)
        #expect(!(await queue.isFull(busy, limit: 1)))
    }

    @Test("Cancelling reaches the registered build only")
    func cancel() async throws {
        let queue = BuildQueue()
        let id = UUID()
        #expect(!(await queue.cancel(id)))
        let work = Task<Void, any Error> { try await Task.sleep(for: .seconds(30)) }
        await queue.register(id, work)
        #expect(await queue.cancel(id))
        #expect(await queue.wasCancelled(id))
        await #expect(throws: CancellationError.self) { try await work.value }
        await queue.unregister(id)
        #expect(!(await queue.wasCancelled(id)))
    }

    @Test("A build cancelled while it waits never gets a slot, and the next one in line does")
    func cancelWaiting() async throws {
        let queue = BuildQueue()
        let org = UUID(), waiting = UUID(), next = UUID()
        #expect(await queue.acquire(org, limit: 1, for: UUID()))
        let cancelled = Task { await queue.acquire(org, limit: 1, for: waiting) }
        try await Task.sleep(for: .milliseconds(100))
        let later = Task { await queue.acquire(org, limit: 1, for: next) }
        try await Task.sleep(for: .milliseconds(100))
        #expect(await queue.waitingDeployments(org) == [waiting, next])
        #expect(await queue.cancel(waiting))
        #expect(await cancelled.value == false, "a cancelled waiter must not start")
        #expect(await queue.waitingDeployments(org) == [next])
        await queue.release(org)
        #expect(await later.value == true)
        #expect(!(await queue.cancel(waiting)), "cancelling twice finds nothing")
    }

    actor OrderLog {
        var entries: [String] = []
        func add(_ entry: String) { entries.append(entry) }
    }
}
