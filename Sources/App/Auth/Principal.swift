import Foundation
import Vapor

/// Who is acting, for which organization, and through which credential.
/// Every tenant query is scoped by `organizationID` taken from here, never from the request body.
struct Principal: Sendable {
    enum Credential: Sendable {
        case token(APIToken)
        case session(UserSession)
        /// A signed delivery to a webhook, acting for the member who set it up.
        case webhook(UUID)
        /// A build a restart interrupted, queued again for the member who started it.
        case resumedBuild(UUID)
    }

    let user: User
    let organization: Organization
    let memberRole: OrganizationMember.Role
    let credential: Credential

    var userID: UUID { user.id! }
    var organizationID: UUID { organization.id! }
    var isAdmin: Bool { user.isAdmin }

    var sessionCSRFToken: String? {
        if case .session(let session) = credential { return session.csrfToken }
        return nil
    }

    var isSession: Bool {
        if case .session = credential { return true }
        return false
    }
}

extension Request {
    private struct PrincipalKey: StorageKey { typealias Value = Principal }

    var principal: Principal? {
        get { storage[PrincipalKey.self] }
        set { storage[PrincipalKey.self] = newValue }
    }

    func requirePrincipal() throws -> Principal {
        guard let principal else { throw AppError.unauthorized }
        return principal
    }

    var clientIP: String? { remoteAddress?.ipAddress }
}
