import Fluent
import Foundation

final class User: Model, @unchecked Sendable {
    static let schema = "users"

    enum Role: String, Codable, Sendable { case admin, client }

    @ID var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "role") var role: Role
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(email: String, name: String, passwordHash: String, role: Role) {
        self.email = email
        self.name = name
        self.passwordHash = passwordHash
        self.role = role
    }

    var isAdmin: Bool { role == .admin }
}
