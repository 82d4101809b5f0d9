import Foundation
import Testing
@testable import App

@Suite("KeyedSerialGate")
struct KeyedSerialGateTests {
    actor Trace {
        var events: [String] = []
        func add(_ event: String) { events.append(event) }
    }

    @Test("Work on one key runs one at a time; another key does not wait for it")
    func perKey() async throws {
        let gate = KeyedSerialGate(), trace = Trace()
        async let slow: Void = gate.run("repo-a") {
            await trace.add("a1 start")
            try await Task.sleep(for: .milliseconds(400))
            await trace.add("a1 end")
        }
        try await Task.sleep(for: .milliseconds(50))
        async let same: Void = gate.run("repo-a") { await trace.add("a2") }
        async let other: Void = gate.run("repo-b") { await trace.add("b") }
        _ = try await (slow, same, other)
        let events = await trace.events
        #expect(events.firstIndex(of: "b")! < events.firstIndex(of: "a1 end")!, "\(events)")
        #expect(events.firstIndex(of: "a2")! > events.firstIndex(of: "a1 end")!, "\(events)")
        // A failing run lets the next one in.
        await #expect(throws: CancellationError.self) { try await gate.run("repo-a") { throw CancellationError() } }
        try await gate.run("repo-a") { await trace.add("after") }
        #expect(await trace.events.last == "after")
    }
}
