import Fluent
import Foundation

/// One attempt to build and release an app, whatever triggered it.
final class Deployment: Model, @unchecked Sendable {
    static let schema = "paas_deployments"

    @ID var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Parent(key: "application_id") var app: TenantApp
    @Field(key: "status") var status: String
    @Field(key: "trigger") var trigger: String
    @OptionalField(key: "release_id") var releaseID: UUID?
    @OptionalField(key: "git_sha") var gitSHA: String?
    @OptionalField(key: "git_ref") var gitRef: String?
    @OptionalField(key: "image") var image: String?
    @OptionalField(key: "builder") var builder: String?
    @OptionalField(key: "log") var log: String?
    @OptionalField(key: "error") var error: String?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @OptionalField(key: "started_at") var startedAt: Date?
    @OptionalField(key: "finished_at") var finishedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
