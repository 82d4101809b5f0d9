import Fluent
import Foundation

/// One resource's charge for one closed hour. Unique per (resource, hour): the proof that the
/// hour was charged, and the line a statement shows.
final class BillingRecord: Model, @unchecked Sendable {
    static let schema = "paas_billing_records"

    @ID var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @OptionalField(key: "application_id") var applicationID: UUID?
    @Field(key: "resource_type") var resourceType: String
    @Field(key: "resource_id") var resourceID: UUID
    @Field(key: "hour_start") var hourStart: Date
    @Field(key: "seconds") var seconds: Int64
    @Field(key: "amount") var amount: Int64
    @Field(key: "description") var description: String
    @OptionalField(key: "wallet_transaction_id") var walletTransactionID: UUID?
    @OptionalField(key: "plan_id") var planID: UUID?
    @OptionalField(key: "location_id") var locationID: UUID?
    @OptionalField(key: "lines") var lines: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
