/// A `SerialGate` per key: work on one thing (one repository) waits for other work on that same
/// thing only, so one tenant's slow git host holds up no one else.
actor KeyedSerialGate {
    private var gates: [String: (gate: SerialGate, users: Int)] = [:]

    func run<T: Sendable>(_ key: String, _ work: @Sendable () async throws -> T) async throws -> T {
        let gate = enter(key)
        do {
            let value = try await gate.run(work)
            leave(key)
            return value
        } catch {
            leave(key)
            throw error
        }
    }

    private func enter(_ key: String) -> SerialGate {
        let entry = gates[key] ?? (SerialGate(), 0)
        gates[key] = (entry.gate, entry.users + 1)
        return entry.gate
    }

    /// The last user of a key drops its gate, so the table holds only keys in use.
    private func leave(_ key: String) {
        guard let entry = gates[key] else { return }
        gates[key] = entry.users > 1 ? (entry.gate, entry.users - 1) : nil
    }
}
