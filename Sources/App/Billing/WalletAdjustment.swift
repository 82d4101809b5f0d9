import Fluent
import Foundation
import Vapor

/// An administrator's credit or debit of an organization's wallet, with a reason, and what it
/// means for the organization's apps: a balance back above zero resumes them, one at zero
/// suspends them.
struct WalletAdjustment {
    let req: Request

    struct Input: Content {
        /// Micro-units, positive.
        var amount: Int64
        var reason: String
        var idempotencyKey: String?

        enum CodingKeys: String, CodingKey { case amount, reason, idempotencyKey }

        init(amount: Int64, reason: String, idempotencyKey: String? = nil) {
            self.amount = amount
            self.reason = reason
            self.idempotencyKey = idempotencyKey
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            guard let amount = try c.decodeWholeNumberIfPresent(Int64.self, forKey: .amount) else {
                throw DecodingError.keyNotFound(CodingKeys.amount, .init(codingPath: [], debugDescription: "amount is required"))
            }
            self.amount = amount
            reason = try c.decode(String.self, forKey: .reason)
            idempotencyKey = try c.decodeIfPresent(String.self, forKey: .idempotencyKey)
        }
    }

    struct Result: Content {
        var transaction: WalletAPIController.TransactionDTO
        var balance: Int64
        var currency: String
        var replayed: Bool
        var suspended: [String]
        var resumed: [String]
    }

    func post(_ kind: WalletTransaction.Kind, organizationID: UUID, _ input: Input) async throws -> Result {
        let principal = try req.requirePrincipal()
        guard try await Organization.find(organizationID, on: req.db) != nil else { throw AppError.notFound("Organization") }
        let reason = input.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (3...200).contains(reason.count) else {
            throw AppError.invalid("reason", "Give a reason of 3 to 200 characters; the client sees it on their statement.")
        }
        guard input.amount > 0, input.amount <= 1_000_000 * 1_000_000 else {
            throw AppError.invalid("amount", "The amount is in micro-units (1,000,000 = 1.00) and must be between 1 and 1,000,000,000,000.")
        }
        if let key = input.idempotencyKey, !(8...100).contains(key.count) {
            throw AppError.invalid("idempotency_key", "An idempotency key has 8 to 100 characters.")
        }
        let key = "admin-\(kind.rawValue):" + (input.idempotencyKey ?? UUID().uuidString.lowercased())
        let entry = WalletLedger.Entry(kind: kind, amount: input.amount, description: (kind == .credit ? "Credit: " : "Debit: ") + reason,
                                       reference: "admin", idempotencyKey: key, createdBy: principal.userID)
        let posted = try await WalletLedger.post(entry, organizationID: organizationID, on: req.db)
        if posted.created {
            try await Activity.record("wallet.\(kind.rawValue)", on: req.db, request: req, principal: principal, organizationID: organizationID,
                                      userID: principal.userID, target: ("wallet", posted.transaction.$wallet.id.uuidString),
                                      details: "\(input.amount) micro-units: \(reason)")
            if posted.crossedLowBalance {
                try await BalanceAlerts.lowBalance(organizationID: organizationID, balance: posted.transaction.balanceAfter, on: req.db, notifier: req.application.balanceNotifier)
            }
        }
        let change = try await Suspension(db: req.db, docker: req.application.docker, box: req.application.secretBox, logger: req.logger).enforce(organizationID)
        let wallet = try await WalletQueries.wallet(of: organizationID, on: req.db)
        return Result(transaction: .init(posted.transaction), balance: wallet.balance, currency: wallet.currency, replayed: !posted.created,
                      suspended: change.suspended, resumed: change.resumed)
    }
}
