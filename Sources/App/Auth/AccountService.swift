import Fluent
import Foundation
import PaaSCore
import Vapor

/// Sign-up, sign-in and credentials: the use cases behind both the API and the pages.
struct AccountService {
    let app: Application
    let db: any Database

    struct SignupInput {
        var name: String
        var email: String
        var password: String
        var organization: String
    }

    struct Validated {
        var name: String
        var email: String
        var organization: String
    }

    static func validate(_ input: SignupInput) throws -> Validated {
        do {
            let name = try TextField.validate(input.name, field: "name", label: "Name")
            let email = try EmailAddress.normalize(input.email)
            try PasswordPolicy.validate(input.password, email: email)
            let organization = try TextField.validate(input.organization, field: "organization", label: "Organization name", min: 2)
            return Validated(name: name, email: email, organization: organization)
        } catch {
            throw AppError.invalid(error.field, error.message)
        }
    }

    /// Creates the user, their organization (as owner) and its wallet in one transaction.
    func signup(_ input: SignupInput, role: User.Role = .client) async throws -> (User, Organization) {
        let valid = try Self.validate(input)
        if try await User.query(on: db).filter(\.$email == valid.email).first() != nil {
            throw AppError.conflict("email_taken", "An account with this e-mail already exists. Sign in instead.", field: "email")
        }
        let hash = try await app.passwordHasher.hash(input.password)
        let slug = try await freeOrganizationSlug(for: valid.organization)
        let currency = app.config.currency
        do {
            return try await db.transaction { tx in
                let user = User(email: valid.email, name: valid.name, passwordHash: hash, role: role)
                try await user.create(on: tx)
                let organization = Organization(name: valid.organization, slug: slug)
                try await organization.create(on: tx)
                try await OrganizationMember(organizationID: organization.id!, userID: user.id!, role: .owner).create(on: tx)
                try await Wallet(organizationID: organization.id!, currency: currency).create(on: tx)
                return (user, organization)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Two sign-ups with one e-mail raced past the check above; the unique index decided.
            throw AppError.conflict("email_taken", "An account with this e-mail already exists. Sign in instead.", field: "email")
        }
    }

    func authenticate(email rawEmail: String, password: String, ip: String) async throws -> User {
        let email = rawEmail.trimmingWhitespace().lowercased()
        let limiter = app.loginRateLimiter
        if let wait = await limiter.retryAfter(ip: ip, email: email) {
            throw AppError(.tooManyRequests, code: "rate_limited", "Too many failed sign-in attempts. Try again in \(wait / 60 + 1) minutes.")
        }
        let failed = AppError(.unauthorized, code: "invalid_credentials", "The e-mail or password is not correct.")
        guard !email.isEmpty, !password.isEmpty, password.utf8.count <= 1024 else { throw failed }
        guard let user = try await User.query(on: db).filter(\.$email == email).first() else {
            try await app.passwordHasher.burn(password)
            await limiter.recordFailure(ip: ip, email: email)
            throw failed
        }
        guard try await app.passwordHasher.verify(password, hash: user.passwordHash) else {
            await limiter.recordFailure(ip: ip, email: email)
            throw failed
        }
        await limiter.recordSuccess(ip: ip, email: email)
        return user
    }

    /// The organization a user acts for after signing in: the first they joined.
    func primaryOrganization(of user: User) async throws -> Organization {
        guard let membership = try await OrganizationMember.query(on: db)
            .filter(\.$user.$id == user.requireID())
            .sort(\.$createdAt)
            .with(\.$organization)
            .first() else {
            throw AppError(.forbidden, code: "no_organization", "This account belongs to no organization. Ask an administrator to add you to one.")
        }
        return membership.organization
    }

    /// Returns the token value, which is never stored and cannot be shown again.
    func issueToken(user: User, organization: Organization, name: String, expiresIn: TimeInterval?) async throws -> (String, APIToken) {
        let value = "paas_" + SecureToken.random()
        let token = APIToken(
            userID: try user.requireID(), organizationID: try organization.requireID(), name: name,
            tokenHash: SecureToken.hash(value), prefix: String(value.prefix(12)),
            expiresAt: expiresIn.map { Date().addingTimeInterval($0) })
        try await token.create(on: db)
        return (value, token)
    }

    func freeOrganizationSlug(for name: String) async throws -> String {
        let base = Slug.make(from: name).isEmpty ? "org" : Slug.make(from: name)
        var candidate = base
        var attempt = 1
        while try await Organization.query(on: db).filter(\.$slug == candidate).first() != nil {
            attempt += 1
            candidate = "\(base)-\(attempt)"
        }
        return candidate
    }
}
