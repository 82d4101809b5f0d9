import Fluent
import Foundation

final class WalletTransaction: Model, @unchecked Sendable {
    static let schema = "wallet_transactions"

    enum Kind: String, Codable, Sendable { case credit, debit }

    @ID var id: UUID?
    @Parent(key: "wallet_id") var wallet: Wallet
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "kind") var kind: Kind
    /// Always positive; `kind` says which way it moved the balance.
    @Field(key: "amount") var amount: Int64
    @Field(key: "balance_after") var balanceAfter: Int64
    @OptionalField(key: "reference") var reference: String?
    @Field(key: "description") var description: String
    /// Unique: a retried credit or charge with the same key is recorded once.
    @Field(key: "idempotency_key") var idempotencyKey: String
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
