import Fluent
import Foundation

final class ActivityLog: Model, @unchecked Sendable {
    static let schema = "activity_logs"

    @ID var id: UUID?
    @OptionalField(key: "user_id") var userID: UUID?
    @OptionalField(key: "organization_id") var organizationID: UUID?
    @Field(key: "action") var action: String
    @OptionalField(key: "target_type") var targetType: String?
    @OptionalField(key: "target_id") var targetID: String?
    @OptionalField(key: "ip") var ip: String?
    @OptionalField(key: "details") var details: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(userID: UUID?, organizationID: UUID?, action: String, targetType: String?, targetID: String?, ip: String?, details: String?) {
        self.userID = userID
        self.organizationID = organizationID
        self.action = action
        self.targetType = targetType
        self.targetID = targetID
        self.ip = ip
        self.details = details
    }
}
