import Fluent
import Vapor

/// A fresh platform needs one administrator to sign in with. `PAAS_ADMIN_EMAIL` and
/// `PAAS_ADMIN_PASSWORD` choose it; otherwise one is generated and printed once.
enum FirstAdmin {
    static let defaultEmail = "admin@paas.local"

    static func ensure(_ app: Application) async throws {
        guard try await User.query(on: app.db).filter(\.$role == .admin).first() == nil else { return }
        let email = app.config.adminEmail ?? defaultEmail
        let generated = app.config.adminPassword == nil
        let password = app.config.adminPassword ?? SecureToken.random(bytes: 15) + "9"
        try await create(app, email: email, password: password, name: "Platform administrator")
        if generated {
            app.logger.notice("""
                Created the first administrator. This is shown once; sign in and keep it safe:
                  e-mail:   \(email)
                  password: \(password)
                """)
        } else {
            app.logger.notice("Created the first administrator \(email) from PAAS_ADMIN_EMAIL.")
        }
    }

    /// Creates an administrator with an organization of their own, or promotes an existing user.
    static func create(_ app: Application, email: String, password: String, name: String) async throws {
        let service = AccountService(app: app, db: app.db)
        if let existing = try await User.query(on: app.db).filter(\.$email == email.lowercased()).first() {
            existing.role = .admin
            try await existing.save(on: app.db)
            try await Activity.record("user.promote_admin", on: app.db, request: nil, principal: nil, userID: existing.id, target: ("user", existing.id!.uuidString))
            return
        }
        let (user, organization) = try await service.signup(
            .init(name: name, email: email, password: password, organization: "Platform administration"), role: .admin)
        try await Activity.record("user.create_admin", on: app.db, request: nil, principal: nil, organizationID: organization.id, userID: user.id, target: ("user", user.id!.uuidString))
    }
}
