import Fluent
import Foundation

/// A signed-in browser. The cookie holds a random value; the table holds its SHA-256.
final class UserSession: Model, @unchecked Sendable {
    static let schema = "user_sessions"
    static let lifetime: TimeInterval = 14 * 24 * 3600

    @ID var id: UUID?
    @Parent(key: "user_id") var user: User
    @Parent(key: "organization_id") var organization: Organization
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "csrf_token") var csrfToken: String
    @OptionalField(key: "ip") var ip: String?
    @OptionalField(key: "user_agent") var userAgent: String?
    @Field(key: "expires_at") var expiresAt: Date
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(userID: UUID, organizationID: UUID, tokenHash: String, csrfToken: String, ip: String?, userAgent: String?, expiresAt: Date) {
        self.$user.id = userID
        self.$organization.id = organizationID
        self.tokenHash = tokenHash
        self.csrfToken = csrfToken
        self.ip = ip
        self.userAgent = userAgent
        self.expiresAt = expiresAt
    }
}
