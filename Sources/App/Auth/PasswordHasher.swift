import Vapor

/// bcrypt off the event loops and off Swift's small cooperative pool, where a 250 ms hash would
/// stall every other request on a 2-core machine.
struct PasswordHasher: Sendable {
    let cost: Int
    let threadPool: NIOThreadPool

    func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await threadPool.runIfActive { try Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, hash: String) async throws -> Bool {
        try await threadPool.runIfActive { try Bcrypt.verify(password, created: hash) }
    }

    /// Spends the same time as a real check, so an unknown e-mail is not told apart by speed.
    func burn(_ password: String) async throws {
        let cost = self.cost
        _ = try await threadPool.runIfActive { try Bcrypt.hash(password, cost: cost) }
    }
}

extension Application {
    var passwordHasher: PasswordHasher { PasswordHasher(cost: config.bcryptCost, threadPool: threadPool) }
}
