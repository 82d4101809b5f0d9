import Fluent
import Foundation
import PaaSCore

/// A URL a git host calls on every push, so the app deploys without a `git push` to the platform.
/// The URL's secret and the signing secret are different values: the first only finds the row
/// (by its hash), the second proves a delivery came from the host that was given it.
final class Webhook: Model, @unchecked Sendable {
    static let schema = "paas_webhooks"

    @ID var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Parent(key: "application_id") var app: TenantApp
    @Field(key: "provider") var provider: String
    @OptionalField(key: "repository") var repository: String?
    @Field(key: "secret_sealed") var secretSealed: String
    @Field(key: "secret_hash") var secretHash: String
    @OptionalField(key: "branch") var branch: String?
    @OptionalField(key: "clone_url_sealed") var cloneURLSealed: String?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "is_active") var isActive: Bool
    @OptionalField(key: "last_delivery_at") var lastDeliveryAt: Date?
    @OptionalField(key: "last_delivery_status") var lastDeliveryStatus: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var kind: WebhookProvider { WebhookProvider(rawValue: provider) ?? .generic }

    /// The branch a delivery must name to deploy.
    func trackedBranch(of app: TenantApp) -> String { branch ?? app.deployBranch }
}
