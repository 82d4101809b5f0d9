import Fluent
import Foundation

/// A hostname routed to an app; unique platform-wide so no tenant can take another's traffic.
final class Domain: Model, @unchecked Sendable {
    static let schema = "paas_domains"

    @ID var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Parent(key: "application_id") var app: TenantApp
    @Field(key: "hostname") var hostname: String
    @Field(key: "is_default") var isDefault: Bool
    @Field(key: "status") var status: String
    @OptionalField(key: "verification_token") var verificationToken: String?
    @OptionalField(key: "last_error") var lastError: String?
    @OptionalField(key: "cert_status") var certStatus: String?
    @OptionalField(key: "cert_expires_at") var certExpiresAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
