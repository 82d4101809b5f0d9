import Fluent
import Foundation

/// The secret Traefik sends when it polls `/internal/traefik/<location>`. Only its hash is kept;
/// a new one is made whenever the ingress container is created.
enum IngressToken {
    /// Its own header, so the API's bearer-token handling never sees it.
    static let header = "X-PaaS-Ingress-Token"

    static func key(_ locationSlug: String) -> String { "ingress.token_hash.\(locationSlug)" }

    static func issue(for locationSlug: String, on db: any Database) async throws -> String {
        let token = SecureToken.random()
        try await PlatformSetting.set(key(locationSlug), to: SecureToken.hash(token), on: db)
        return token
    }

    static func verify(_ token: String?, for locationSlug: String, on db: any Database) async throws -> Bool {
        guard let token, let stored = try await PlatformSetting.get(key(locationSlug), on: db) else { return false }
        return SecureToken.constantTimeEquals(SecureToken.hash(token), stored)
    }
}
