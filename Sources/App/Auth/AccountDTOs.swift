import Foundation
import Vapor

struct UserDTO: Content {
    let id: String
    let email: String
    let name: String
    let role: String

    init(_ user: User) {
        id = user.id?.uuidString.lowercased() ?? ""
        email = user.email
        name = user.name
        role = user.role.rawValue
    }
}

struct OrganizationDTO: Content {
    let id: String
    let name: String
    let slug: String
    let role: String?

    init(_ organization: Organization, role: OrganizationMember.Role?) {
        id = organization.id?.uuidString.lowercased() ?? ""
        name = organization.name
        slug = organization.slug
        self.role = role?.rawValue
    }
}

struct TokenDTO: Content {
    let id: String
    let name: String
    let prefix: String
    let createdAt: Date?
    let lastUsedAt: Date?
    let expiresAt: Date?

    init(_ token: APIToken) {
        id = token.id?.uuidString.lowercased() ?? ""
        name = token.name
        prefix = token.prefix
        createdAt = token.createdAt
        lastUsedAt = token.lastUsedAt
        expiresAt = token.expiresAt
    }
}

extension Request {
    /// Ids are opaque: a malformed one is simply not found, like another organization's.
    func idParameter(_ name: String = "id", _ what: String) throws -> UUID {
        guard let raw = parameters.get(name), let id = UUID(uuidString: raw) else { throw AppError.notFound(what) }
        return id
    }
}
