import Foundation
import Testing
@testable import App

@Suite("KeyedSerialGate")
struct KeyedSerialGateTests {
    actor Trace {
        var events: [String] = []
        func add(_ event: String) { events.append(event) }
        func has(_ event: String) -> Bool { events.contains(event) }
    }

    /// Waits, without a fixed delay, until `event` is in the trace; false after 10 s.
    static func wait(for event: String, in trace: Trace) async throws -> Bool {
        for _ in 0..<1000 {
            if await trace.has(event) { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    @Test("Work on one key runs one at a time; another key does not wait for it")
    func perKey() async throws {
        let gate = KeyedSerialGate(), trace = Trace()
        // The first run on repo-a holds its gate until repo-b's run has happened: if repo-b waited
        // behind it, it would never happen and the first run would give up.
        async let first: Bool = gate.run("repo-a") {
            await trace.add("a1 start")
            let sawB = try await Self.wait(for: "b", in: trace)
            await trace.add("a1 end")
            return sawB
        }
        #expect(try await Self.wait(for: "a1 start", in: trace))
        async let same: Void = gate.run("repo-a") { await trace.add("a2") }
        try await gate.run("repo-b") { await trace.add("b") }
        #expect(try await first, "repo-b waited for repo-a")
        try await same
        let events = await trace.events
        #expect(events.firstIndex(of: "a2")! > events.firstIndex(of: "a1 end")!, "\(events)")
        // A failing run lets the next one in.
        await #expect(throws: CancellationError.self) { try await gate.run("repo-a") { throw CancellationError() } }
        try await gate.run("repo-a") { await trace.add("after") }
        #expect(await trace.events.last == "after")
    }
}
