import Fluent
import Foundation
import Vapor

/// Signing a browser in and out: a session row plus an HttpOnly, SameSite=Lax cookie.
enum BrowserSession {
    static func start(user: User, organization: Organization, request: Request, response: Response) async throws {
        let value = SecureToken.random()
        let session = UserSession(
            userID: try user.requireID(), organizationID: try organization.requireID(),
            tokenHash: SecureToken.hash(value), csrfToken: SecureToken.random(),
            ip: request.clientIP, userAgent: request.headers.first(name: .userAgent).map { String($0.prefix(300)) },
            expiresAt: Date().addingTimeInterval(UserSession.lifetime))
        try await session.create(on: request.db)
        response.cookies[PrincipalMiddleware.sessionCookie] = HTTPCookies.Value(
            string: value, maxAge: Int(UserSession.lifetime), path: "/",
            isSecure: request.application.config.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }

    static func end(request: Request, response: Response) async throws {
        if case .session(let session)? = request.principal?.credential {
            try await session.delete(on: request.db)
        }
        response.cookies[PrincipalMiddleware.sessionCookie] = HTTPCookies.Value(
            string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/",
            isSecure: request.application.config.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }
}
