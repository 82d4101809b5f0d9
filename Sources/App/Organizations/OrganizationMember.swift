import Fluent
import Foundation

final class OrganizationMember: Model, @unchecked Sendable {
    static let schema = "organization_members"

    enum Role: String, Codable, Sendable, CaseIterable { case owner, admin, member }

    @ID var id: UUID?
    @Parent(key: "organization_id") var organization: Organization
    @Parent(key: "user_id") var user: User
    @Field(key: "role") var role: Role
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(organizationID: UUID, userID: UUID, role: Role) {
        self.$organization.id = organizationID
        self.$user.id = userID
        self.role = role
    }
}
