/// How many test apps hold PostgreSQL connections at once. Swift Testing starts every test
/// together; at two connections an app, the suite once peaked at 294 of the server's 300 and
/// some tests failed with "too many clients". Waiting for a slot costs little: the tests wait on
/// I/O, not on the two cores.
actor DatabaseSlots {
    static let postgres = DatabaseSlots(limit: 80)

    private let limit: Int
    private var used = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { self.limit = limit }

    func acquire() async {
        if used < limit {
            used += 1
        } else {
            await withCheckedContinuation { waiters.append($0) }
        }
    }

    func release() {
        if waiters.isEmpty { used -= 1 } else { waiters.removeFirst().resume() }
    }
}
