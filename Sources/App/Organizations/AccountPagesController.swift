import Fluent
import Vapor

struct AccountPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let account = routes.grouped("account").grouped(RequireSignIn(redirectToLogin: true))
        account.get(use: show)
        account.get("tokens", use: tokens)
        account.post("tokens", use: createToken)
        account.post("tokens", ":id", "revoke", use: revokeToken)
    }

    struct TokenForm: Content {
        var name: String?
        var expiresInDays: String?

        enum CodingKeys: String, CodingKey {
            case name
            case expiresInDays = "expires_in_days"
        }
    }

    @Sendable func show(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let members = try await OrganizationMember.query(on: req.db)
            .filter(\.$organization.$id == principal.organizationID)
            .with(\.$user).sort(\.$createdAt).all()
        let activity = try await ActivityQueries.forOrganization(principal.organizationID, limit: 25, on: req.db)
        let model = AccountViews.AccountModel(
            user: principal.user, organization: principal.organization, role: principal.memberRole,
            members: members.map { ($0.user.name, $0.user.email, $0.role.rawValue) }, activity: activity)
        return AccountViews.account(model).response(for: req)
    }

    @Sendable func tokens(req: Request) async throws -> Response {
        let model = AccountViews.TokensModel(tokens: try await TokenService(req: req).list())
        return AccountViews.tokens(model).response(for: req)
    }

    @Sendable func createToken(req: Request) async throws -> Response {
        let form = try req.content.decode(TokenForm.self)
        let service = TokenService(req: req)
        var model = AccountViews.TokensModel(tokens: [], formName: form.name ?? "")
        do {
            let days = try form.expiresInDays.flatMap { raw -> Int? in
                guard !raw.isEmpty else { return nil }
                guard let days = Int(raw) else { throw AppError.invalid("expires_in_days", "Expiry must be a whole number of days.") }
                return days
            }
            let (value, _) = try await service.create(name: form.name ?? "", expiresInDays: days)
            model.newToken = value
            model.formName = ""
        } catch let error as AppError {
            model.error = error.message
        }
        model.tokens = try await service.list()
        return AccountViews.tokens(model, status: model.error == nil ? .created : .unprocessableEntity).response(for: req)
    }

    @Sendable func revokeToken(req: Request) async throws -> Response {
        try await TokenService(req: req).revoke(id: req.idParameter("id", "Token"))
        return req.redirect(to: "/account/tokens", flash: .success, "The token was revoked. Anything using it can no longer sign in.")
    }
}
