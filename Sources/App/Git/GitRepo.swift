import Fluent
import Foundation

/// The bare repository an app's pushes land in, under `<data>/git/`.
final class GitRepo: Model, @unchecked Sendable {
    static let schema = "paas_git_repos"

    @ID var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Parent(key: "application_id") var app: TenantApp
    /// Relative to the data directory, so the directory can move.
    @Field(key: "path") var path: String
    @Field(key: "default_branch") var defaultBranch: String
    @Field(key: "size_bytes") var sizeBytes: Int64
    @OptionalField(key: "last_push_at") var lastPushAt: Date?
    @OptionalField(key: "last_pushed_sha") var lastPushedSHA: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
