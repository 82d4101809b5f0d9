/// Swarm updates are optimistic: a write quoting a stale version fails with
/// "update out of sequence". The cure is to read again and redo the change,
/// so callers pass the whole read-modify-write as `attempt`.
enum OutOfSequenceRetry {
    static func run<T>(maxAttempts: Int, _ attempt: () async throws -> T) async throws -> T {
        var remaining = max(1, maxAttempts)
        while true {
            remaining -= 1
            do {
                return try await attempt()
            } catch let error as DockerError where error.isOutOfSequence && remaining > 0 {
                // Another writer won the race; brief jitter keeps two retriers from colliding again.
                try await Task.sleep(for: .milliseconds(Int.random(in: 20...120)))
            }
        }
    }
}
