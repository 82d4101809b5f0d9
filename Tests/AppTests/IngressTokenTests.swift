import Foundation
import Testing
import VaporTesting
@testable import App

/// Every Traefik of a location has its own provider token: the control plane's and one per
/// ingress node. Making one never locks another out, and a removed node's opens nothing.
@Suite("Ingress provider tokens")
struct IngressTokenTests {
    @Test("Each ingress of a location has its own token; a new one replaces only its own; a revoked node token answers 404")
    func tokensPerSite() async throws {
        try await TestApp.withApp { app in
            _ = try await NodeFixtures.location(app, admin: try await app.makeAdminToken(), slug: "fra")
            let first = UUID(), second = UUID()
            let local = try await IngressToken.issue(for: "fra", on: app.db)
            let nodeToken = try await IngressToken.issue(for: "fra", site: .node(first), on: app.db)
            let otherNode = try await IngressToken.issue(for: "fra", site: .node(second), on: app.db)
            #expect(try await IngressToken.site(of: local, for: "fra", on: app.db) == .controlPlane)
            #expect(try await IngressToken.site(of: nodeToken, for: "fra", on: app.db) == .node(first))
            #expect(try await IngressToken.site(of: otherNode, for: "fra", on: app.db) == .node(second))
            // Another location's tokens, and a slug that merely starts the same, open nothing here.
            #expect(try await IngressToken.site(of: nodeToken, for: "fr", on: app.db) == nil)
            #expect(try await IngressToken.site(of: "guess", for: "fra", on: app.db) == nil)

            // The node's Traefik recreated: its old token is dead, the others still work.
            let renewed = try await IngressToken.issue(for: "fra", site: .node(first), on: app.db)
            #expect(try await IngressToken.site(of: nodeToken, for: "fra", on: app.db) == nil)
            #expect(try await IngressToken.site(of: renewed, for: "fra", on: app.db) == .node(first))
            #expect(try await IngressToken.verify(local, for: "fra", on: app.db))
            let reissuedLocal = try await IngressToken.issue(for: "fra", on: app.db)
            #expect(try await IngressToken.verify(renewed, for: "fra", on: app.db), "a new control-plane token leaves the nodes' alone")
            #expect(!(try await IngressToken.verify(local, for: "fra", on: app.db)))

            try await IngressToken.revoke(for: "fra", site: .node(first), on: app.db)
            #expect(try await IngressToken.site(of: renewed, for: "fra", on: app.db) == nil)
            #expect(try await IngressToken.verify(otherNode, for: "fra", on: app.db))
            #expect(try await IngressToken.verify(reissuedLocal, for: "fra", on: app.db))
            let revoked = try await app.send(.GET, "/internal/traefik/fra", headers: [(IngressToken.header, renewed)])
            #expect(revoked.status == .notFound)
            let live = try await app.send(.GET, "/internal/traefik/fra", headers: [(IngressToken.header, otherNode)])
            #expect(live.status != .notFound, "\(live.status) \(live.body.string)")
        }
    }
}
