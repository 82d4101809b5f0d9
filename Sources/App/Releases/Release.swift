import Fluent
import Foundation

/// vN of an app: an image, the config it ran with (sealed) and its process formation.
/// A rollback deploys an earlier release's exact image and config again.
final class Release: Model, @unchecked Sendable {
    static let schema = "paas_releases"

    @ID var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Parent(key: "application_id") var app: TenantApp
    @Field(key: "version") var version: Int
    @Field(key: "image") var image: String
    @OptionalField(key: "image_digest") var imageDigest: String?
    @Field(key: "config_snapshot_sealed") var configSnapshotSealed: String
    @Field(key: "formation") var formation: String
    /// JSON object of process type → command; nil means the image's own command as `web`.
    @OptionalField(key: "process_types") var processTypes: String?
    @Field(key: "description") var description: String
    @Field(key: "status") var status: String
    @OptionalField(key: "error") var error: String?
    @OptionalField(key: "deployment_id") var deploymentID: UUID?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
