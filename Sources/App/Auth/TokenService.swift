import Fluent
import Foundation
import PaaSCore
import Vapor

/// API tokens of the signed-in user within the current organization.
struct TokenService {
    let req: Request

    func list() async throws -> [APIToken] {
        let principal = try req.requirePrincipal()
        return try await APIToken.query(on: req.db)
            .filter(\.$user.$id == principal.userID)
            .filter(\.$organization.$id == principal.organizationID)
            .filter(\.$revokedAt == nil)
            .sort(\.$createdAt, .descending)
            .all()
            .filter { $0.isUsable(at: Date()) }
    }

    func create(name rawName: String, expiresInDays: Int?) async throws -> (String, APIToken) {
        let principal = try req.requirePrincipal()
        let name: String
        do { name = try TextField.validate(rawName, field: "name", label: "Token name", max: 60) } catch { throw AppError.invalid(error.field, error.message) }
        if let days = expiresInDays, !(1...3650).contains(days) {
            throw AppError.invalid("expires_in_days", "Expiry must be between 1 and 3650 days, or left empty for a token that does not expire.")
        }
        let service = AccountService(app: req.application, db: req.db)
        let (value, token) = try await service.issueToken(
            user: principal.user, organization: principal.organization, name: name,
            expiresIn: expiresInDays.map { TimeInterval($0) * 86_400 })
        try await req.audit("token.create", target: ("api_token", token.id!.uuidString), details: name)
        return (value, token)
    }

    func revoke(id: UUID) async throws {
        let principal = try req.requirePrincipal()
        guard let token = try await APIToken.query(on: req.db)
            .filter(\.$id == id)
            .filter(\.$user.$id == principal.userID)
            .filter(\.$organization.$id == principal.organizationID)
            .filter(\.$revokedAt == nil)
            .first() else { throw AppError.notFound("Token") }
        token.revokedAt = Date()
        try await token.save(on: req.db)
        try await req.audit("token.revoke", target: ("api_token", id.uuidString), details: token.name)
    }
}
