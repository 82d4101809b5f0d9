import Fluent
import Foundation
import Vapor

/// Resolves a bearer token or a session cookie into a `Principal`. It never rejects: routes that
/// need someone signed in say so with `RequireSignIn`, so public pages still render for visitors.
struct PrincipalMiddleware: AsyncMiddleware {
    static let sessionCookie = "paas_session"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = request.headers.bearerAuthorization?.token {
            request.principal = try await Self.principal(forToken: bearer, on: request.db)
            if request.principal == nil {
                throw AppError(.unauthorized, code: "invalid_token", "The API token is unknown, revoked or expired.")
            }
        } else if let cookie = request.cookies[Self.sessionCookie]?.string, !cookie.isEmpty {
            request.principal = try await Self.principal(forSession: cookie, on: request.db)
        }
        return try await next.respond(to: request)
    }

    static func principal(forToken token: String, on db: any Database) async throws -> Principal? {
        guard let row = try await APIToken.query(on: db)
            .filter(\.$tokenHash == SecureToken.hash(token))
            .with(\.$user).with(\.$organization)
            .first() else { return nil }
        let now = Date()
        guard row.isUsable(at: now),
              let role = try await membership(userID: row.$user.id, organizationID: row.$organization.id, on: db) else { return nil }
        // One write a minute at most: "last used" is for people, not an audit trail.
        if row.lastUsedAt.map({ now.timeIntervalSince($0) > 60 }) ?? true {
            row.lastUsedAt = now
            try await row.save(on: db)
        }
        return Principal(user: row.user, organization: row.organization, memberRole: role, credential: .token(row))
    }

    /// The member a webhook deploys as, while they still belong to its organization.
    static func principal(forWebhook webhook: Webhook, on db: any Database) async throws -> Principal? {
        try await principal(member: webhook.createdBy, of: webhook.organizationID, as: .webhook(try webhook.requireID()), on: db)
    }

    /// The platform acting for a member, as long as they are still in the organization.
    static func principal(member userID: UUID?, of organizationID: UUID, as credential: Principal.Credential,
                          on db: any Database) async throws -> Principal? {
        guard let userID, let user = try await User.find(userID, on: db), let organization = try await Organization.find(organizationID, on: db),
              let role = try await membership(userID: userID, organizationID: organizationID, on: db) else { return nil }
        return Principal(user: user, organization: organization, memberRole: role, credential: credential)
    }

    static func principal(forSession cookie: String, on db: any Database) async throws -> Principal? {
        guard let session = try await UserSession.query(on: db)
            .filter(\.$tokenHash == SecureToken.hash(cookie))
            .with(\.$user).with(\.$organization)
            .first(), session.expiresAt > Date(),
              let role = try await membership(userID: session.$user.id, organizationID: session.$organization.id, on: db)
        else { return nil }
        return Principal(user: session.user, organization: session.organization, memberRole: role, credential: .session(session))
    }

    private static func membership(userID: UUID, organizationID: UUID, on db: any Database) async throws -> OrganizationMember.Role? {
        try await OrganizationMember.query(on: db)
            .filter(\.$user.$id == userID)
            .filter(\.$organization.$id == organizationID)
            .first()?.role
    }
}
