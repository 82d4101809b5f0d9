import Fluent
import Foundation

/// The secret Traefik sends when it polls `/internal/traefik/<location>`. Only its hash is kept;
/// a new one is made whenever an ingress container is created. Each ingress of a location has its
/// own: the one on the control plane's engine, and one per ingress node, so recreating one never
/// locks the others out.
enum IngressToken {
    /// Its own header, so the API's bearer-token handling never sees it.
    static let header = "X-PaaS-Ingress-Token"

    static func key(_ locationSlug: String, _ site: IngressSite = .controlPlane) -> String {
        switch site {
        case .controlPlane: return "ingress.token_hash.\(locationSlug)"
        case .node(let id): return "ingress.token_hash.\(locationSlug)@node.\(id.uuidString.lowercased())"
        }
    }

    static func issue(for locationSlug: String, site: IngressSite = .controlPlane, on db: any Database) async throws -> String {
        let token = SecureToken.random()
        try await PlatformSetting.set(key(locationSlug, site), to: SecureToken.hash(token), on: db)
        return token
    }

    /// Whose token it is, or nil when it is none of the location's ingresses'.
    static func site(of token: String?, for locationSlug: String, on db: any Database) async throws -> IngressSite? {
        guard let token else { return nil }
        let hash = SecureToken.hash(token)
        let local = key(locationSlug)
        if let stored = try await PlatformSetting.get(local, on: db), SecureToken.constantTimeEquals(hash, stored) { return .controlPlane }
        let prefix = local + "@node."
        for (name, stored) in try await PlatformSetting.all(prefix: prefix, on: db) where name.hasPrefix(prefix) {
            if SecureToken.constantTimeEquals(hash, stored), let id = UUID(uuidString: String(name.dropFirst(prefix.count))) { return .node(id) }
        }
        return nil
    }

    static func verify(_ token: String?, for locationSlug: String, on db: any Database) async throws -> Bool {
        try await site(of: token, for: locationSlug, on: db) != nil
    }

    /// A node's ingress is gone (the node left): its token must open nothing any more.
    static func revoke(for locationSlug: String, site: IngressSite, on db: any Database) async throws {
        try await PlatformSetting.remove(key(locationSlug, site), on: db)
    }
}
