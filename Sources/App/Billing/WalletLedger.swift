import Fluent
import Foundation
import SQLKit

/// Every change of a wallet's balance goes through here: the wallet row is locked, moved and
/// paired with a transaction row in one database transaction, and a retried request with the same
/// idempotency key returns the first result instead of moving money twice.
enum WalletLedger {
    struct Entry {
        var kind: WalletTransaction.Kind
        var amount: Int64
        var description: String
        var reference: String?
        var idempotencyKey: String
        var createdBy: UUID?
    }

    struct Posted {
        var transaction: WalletTransaction
        var balanceBefore: Int64
        var lowBalanceThreshold: Int64
        /// False when the idempotency key had been used: nothing moved this time.
        var created: Bool

        /// The balance fell to or below the alert threshold with this entry.
        var crossedLowBalance: Bool { created && balanceBefore > lowBalanceThreshold && transaction.balanceAfter <= lowBalanceThreshold }
    }

    static func post(_ entry: Entry, organizationID: UUID, on db: any Database) async throws -> Posted {
        guard entry.amount > 0 else { throw AppError.invalid("amount", "The amount must be a positive number of micro-units.") }
        do {
            return try await db.transaction { tx in
                if let existing = try await WalletTransaction.query(on: tx).filter(\.$idempotencyKey == entry.idempotencyKey).first() {
                    guard existing.organizationID == organizationID else {
                        throw AppError.conflict("idempotency_key_used", "That idempotency key belongs to another transaction.", field: "idempotency_key")
                    }
                    let wallet = try await WalletQueries.wallet(of: organizationID, on: tx)
                    return Posted(transaction: existing, balanceBefore: existing.balanceAfter, lowBalanceThreshold: wallet.lowBalanceThreshold, created: false)
                }
                let wallet = try await lockedWallet(of: organizationID, on: tx)
                let before = wallet.balance
                let (after, overflow) = entry.kind == .credit ? before.addingReportingOverflow(entry.amount) : before.subtractingReportingOverflow(entry.amount)
                guard !overflow else { throw AppError.invalid("amount", "That amount is out of range.") }
                wallet.balance = after
                try await wallet.save(on: tx)
                let row = WalletTransaction()
                row.$wallet.id = try wallet.requireID()
                row.organizationID = organizationID
                row.kind = entry.kind
                row.amount = entry.amount
                row.balanceAfter = after
                row.reference = entry.reference
                row.description = entry.description
                row.idempotencyKey = entry.idempotencyKey
                row.createdBy = entry.createdBy
                try await row.create(on: tx)
                return Posted(transaction: row, balanceBefore: before, lowBalanceThreshold: wallet.lowBalanceThreshold, created: true)
            }
        } catch where (error as? any DatabaseError)?.isConstraintFailure == true {
            // Two requests raced with one key: the loser reports what the winner did.
            guard let existing = try await WalletTransaction.query(on: db).filter(\.$idempotencyKey == entry.idempotencyKey).first() else { throw error }
            let wallet = try await WalletQueries.wallet(of: organizationID, on: db)
            return Posted(transaction: existing, balanceBefore: existing.balanceAfter, lowBalanceThreshold: wallet.lowBalanceThreshold, created: false)
        }
    }

    /// On PostgreSQL the row is locked until commit, so the hourly charge and a credit never
    /// both start from the same balance. SQLite has a single writer, which gives the same.
    static func lockedWallet(of organizationID: UUID, on tx: any Database) async throws -> Wallet {
        if tx.isPostgres {
            _ = try await tx.sql().raw("SELECT id FROM wallets WHERE organization_id = \(bind: organizationID) FOR UPDATE").all()
        }
        return try await WalletQueries.wallet(of: organizationID, on: tx)
    }
}
