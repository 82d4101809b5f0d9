import Fluent
import Foundation

/// Nothing new starts on an empty wallet: the client hears why before anything is written.
enum WalletGuard {
    static func requireFunds(_ organizationID: UUID, to action: String, on db: any Database) async throws {
        let wallet = try await WalletQueries.wallet(of: organizationID, on: db)
        guard wallet.balance > 0 else {
            throw AppError(.paymentRequired, code: "wallet_empty",
                           "Your wallet balance is \(Format.money(wallet.balance, wallet.currency)), so you cannot \(action). Top up your wallet in the client panel; suspended apps restart by themselves once the balance is above zero.")
        }
    }
}
