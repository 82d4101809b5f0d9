import Fluent
import Foundation

/// One environment variable of an app. The value is sealed with the master key at rest.
final class ConfigVar: Model, @unchecked Sendable {
    static let schema = "paas_config_vars"

    @ID var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Parent(key: "application_id") var app: TenantApp
    @Field(key: "key") var key: String
    @Field(key: "value_sealed") var valueSealed: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
