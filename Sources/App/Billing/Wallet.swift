import Fluent
import Foundation

/// The organization's prepaid balance in micro-units (see `Money`). Changed only together with a
/// `WalletTransaction`, inside one database transaction, so the balance always equals their sum.
final class Wallet: Model, @unchecked Sendable {
    static let schema = "wallets"
    static let defaultLowBalanceThreshold: Int64 = 5 * 1_000_000

    @ID var id: UUID?
    @Parent(key: "organization_id") var organization: Organization
    @Field(key: "balance") var balance: Int64
    @Field(key: "currency") var currency: String
    @Field(key: "low_balance_threshold") var lowBalanceThreshold: Int64
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(organizationID: UUID, currency: String) {
        self.$organization.id = organizationID
        self.balance = 0
        self.currency = currency
        self.lowBalanceThreshold = Wallet.defaultLowBalanceThreshold
    }
}
