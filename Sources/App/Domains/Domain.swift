import Fluent
import Foundation
import PaaSCore

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
    @OptionalField(key: "verified_at") var verifiedAt: Date?
    @OptionalField(key: "claim_expires_at") var claimExpiresAt: Date?
    @OptionalField(key: "cert_status") var certStatus: String?
    @OptionalField(key: "cert_expires_at") var certExpiresAt: Date?
    @OptionalField(key: "cert_requested_at") var certRequestedAt: Date?
    @OptionalField(key: "cert_issuer") var certIssuer: String?
    @OptionalField(key: "last_checked_at") var lastCheckedAt: Date?
    @OptionalField(key: "proof_missing_since") var proofMissingSince: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var lifecycleStatus: DomainStatus { DomainStatus(rawValue: status) ?? .pendingDNS }

    var lifecycleState: DomainLifecycle.State {
        get {
            .init(status: lifecycleStatus, verifiedAt: verifiedAt, claimExpiresAt: claimExpiresAt, certRequestedAt: certRequestedAt,
                  proofMissingSince: proofMissingSince)
        }
        set {
            status = newValue.status.rawValue
            verifiedAt = newValue.verifiedAt
            claimExpiresAt = newValue.claimExpiresAt
            certRequestedAt = newValue.certRequestedAt
            proofMissingSince = newValue.proofMissingSince
        }
    }

    /// An unproven claim past its time no longer holds the hostname against anyone.
    func claimLapsed(at now: Date) -> Bool {
        !isDefault && verifiedAt == nil && (claimExpiresAt.map { now >= $0 } ?? false)
    }
}
