import Fluent
import Vapor

struct AuthPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
        routes.get("login", use: loginForm)
        routes.post("login", use: login)
        routes.get("signup", use: signupForm)
        routes.post("signup", use: signup)
        routes.post("logout", use: logout)
    }

    struct LoginForm: Content {
        var email: String?
        var password: String?
        var next: String?
    }

    struct SignupForm: Content {
        var name: String?
        var email: String?
        var password: String?
        var organization: String?
    }

    @Sendable func home(req: Request) async throws -> Response {
        guard let principal = req.principal else { return req.redirect(to: "/login") }
        return req.redirect(to: principal.isAdmin ? "/admin" : "/apps")
    }

    @Sendable func loginForm(req: Request) async throws -> Response {
        if req.principal != nil { return try await home(req: req) }
        return AuthViews.login(.init(next: req.query[String.self, at: "next"])).response(for: req)
    }

    @Sendable func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let model = AuthViews.LoginModel(email: form.email ?? "", next: form.next)
        let service = AccountService(app: req.application, db: req.db)
        do {
            let user = try await service.authenticate(email: form.email ?? "", password: form.password ?? "", ip: req.clientIP ?? "unknown")
            let organization = try await service.primaryOrganization(of: user)
            let target = Self.safeNext(form.next) ?? (user.isAdmin ? "/admin" : "/apps")
            let response = req.redirect(to: target)
            try await BrowserSession.start(user: user, organization: organization, request: req, response: response)
            try await Activity.record("user.login", on: req.db, request: req, principal: nil, organizationID: organization.id, userID: user.id, target: ("user", user.id!.uuidString), details: "web")
            return response
        } catch let error as AppError {
            var failed = model
            failed.error = error.message
            return AuthViews.login(failed, status: error.status).response(for: req)
        }
    }

    @Sendable func signupForm(req: Request) async throws -> Response {
        if req.principal != nil { return try await home(req: req) }
        return AuthViews.signup(.init()).response(for: req)
    }

    @Sendable func signup(req: Request) async throws -> Response {
        let form = try req.content.decode(SignupForm.self)
        var model = AuthViews.SignupModel(name: form.name ?? "", email: form.email ?? "", organization: form.organization ?? "")
        let service = AccountService(app: req.application, db: req.db)
        do {
            let (user, organization) = try await service.signup(.init(name: model.name, email: model.email, password: form.password ?? "", organization: model.organization))
            let response = req.redirect(to: "/apps", flash: .success, "Welcome, \(user.name). Your organization \(organization.name) is ready.")
            try await BrowserSession.start(user: user, organization: organization, request: req, response: response)
            try await Activity.record("user.signup", on: req.db, request: req, principal: nil, organizationID: organization.id, userID: user.id, target: ("user", user.id!.uuidString), details: "web")
            return response
        } catch let error as AppError {
            if let field = error.field { model.errors[field] = error.message } else { model.errors["form"] = error.message }
            return AuthViews.signup(model, status: error.status).response(for: req)
        }
    }

    @Sendable func logout(req: Request) async throws -> Response {
        let response = req.redirect(to: "/login", flash: .info, "You are signed out.")
        if req.principal != nil {
            try await req.audit("user.logout", details: "web")
            try await BrowserSession.end(request: req, response: response)
        }
        return response
    }

    /// Only local paths: an open redirect would let a phishing link borrow our sign-in page.
    static func safeNext(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), next.count < 300 else { return nil }
        return next
    }
}
