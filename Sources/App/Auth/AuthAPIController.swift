import Fluent
import Foundation
import Vapor

struct AuthAPIController: RouteCollection {
    static let loginTokenLifetime: TimeInterval = 30 * 24 * 3600

    func boot(routes: any RoutesBuilder) throws {
        let auth = routes.grouped("api", "auth")
        auth.post("signup", use: signup)
        auth.post("login", use: login)
        let signedIn = auth.grouped(RequireSignIn())
        signedIn.get("me", use: me)
        signedIn.post("logout", use: logout)
    }

    struct SignupBody: Content {
        let email: String
        let password: String
        let name: String
        let organization: String
    }

    struct LoginBody: Content {
        let email: String
        let password: String
    }

    struct SessionBody: Content {
        let token: String
        let user: UserDTO
        let organization: OrganizationDTO
    }

    struct MeBody: Content {
        let user: UserDTO
        let organization: OrganizationDTO
    }

    @Sendable func signup(req: Request) async throws -> Response {
        let body = try req.content.decode(SignupBody.self)
        let service = AccountService(app: req.application, db: req.db)
        let (user, organization) = try await service.signup(.init(name: body.name, email: body.email, password: body.password, organization: body.organization))
        let (token, _) = try await service.issueToken(user: user, organization: organization, name: "API sign-up", expiresIn: Self.loginTokenLifetime)
        try await Activity.record("user.signup", on: req.db, request: req, principal: nil, organizationID: organization.id, userID: user.id, target: ("user", user.id!.uuidString))
        let response = try await SessionBody(token: token, user: UserDTO(user), organization: OrganizationDTO(organization, role: .owner)).encodeResponse(for: req)
        response.status = .created
        return response
    }

    @Sendable func login(req: Request) async throws -> SessionBody {
        let body = try req.content.decode(LoginBody.self)
        let service = AccountService(app: req.application, db: req.db)
        let user = try await service.authenticate(email: body.email, password: body.password, ip: req.clientIP ?? "unknown")
        let organization = try await service.primaryOrganization(of: user)
        let (token, _) = try await service.issueToken(user: user, organization: organization, name: "API login", expiresIn: Self.loginTokenLifetime)
        try await Activity.record("user.login", on: req.db, request: req, principal: nil, organizationID: organization.id, userID: user.id, target: ("user", user.id!.uuidString), details: "api")
        let role = try await OrganizationMember.query(on: req.db).filter(\.$user.$id == user.requireID()).filter(\.$organization.$id == organization.requireID()).first()?.role
        return SessionBody(token: token, user: UserDTO(user), organization: OrganizationDTO(organization, role: role))
    }

    @Sendable func me(req: Request) async throws -> MeBody {
        let principal = try req.requirePrincipal()
        return MeBody(user: UserDTO(principal.user), organization: OrganizationDTO(principal.organization, role: principal.memberRole))
    }

    /// Revokes the token the call was made with; a browser session is ended instead.
    @Sendable func logout(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let response = Response(status: .noContent)
        switch principal.credential {
        case .token(let token):
            token.revokedAt = Date()
            try await token.save(on: req.db)
        case .session:
            try await BrowserSession.end(request: req, response: response)
        case .webhook, .resumedBuild:
            // Never reached: these principals exist only inside the platform's own work.
            break
        }
        try await req.audit("user.logout")
        return response
    }
}
