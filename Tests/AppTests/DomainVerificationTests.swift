import Fluent
import Foundation
import Testing
import VaporTesting
@testable import App

/// Verification through a real DNS server (pebble-challtestsrv), as a client's own records would be.
@Suite("Domain verification over real DNS")
struct DomainVerificationTests {
    @Test("TXT absent stays pending_dns; TXT present but pointing elsewhere is verified; pointing here requests a certificate and routes")
    func lifecycle() async throws {
        guard let dns = TestDNS.available() else { return }
        try await TestApp.withApp { app in
            app.config.dnsResolver = dns.server
            let world = try await DomainsAPITests.world(app)
            let host = "www.verify-\(UUID().uuidString.prefix(6).lowercased()).com"
            let added = try await DomainsAPITests.add(app, world.alice, world.aliceApp, host).json()
            let id = try #require(added["id"] as? String)
            let token = try #require((added["dns_records"] as? [[String: Any]])?.first?["value"] as? String)
            defer { Task { try? await dns.clearTXT("_paas-challenge.\(host)"); try? await dns.clearA(host) } }

            let absent = try await app.send(.POST, "/api/paas/domains/\(id)/verify", token: world.alice).json()
            #expect(absent["status"] as? String == "pending_dns")
            #expect((absent["last_error"] as? String)?.contains("_paas-challenge.\(host)") == true)
            #expect(absent["last_checked_at"] is String)

            try await dns.setTXT("_paas-challenge.\(host)", "wrong-token")
            let wrong = try await app.send(.POST, "/api/paas/domains/\(id)/verify", token: world.alice).json()
            #expect(wrong["status"] as? String == "pending_dns" && (wrong["last_error"] as? String)?.contains("wrong-token") == true)

            try await dns.setTXT("_paas-challenge.\(host)", token)
            try await dns.setA(host, ["192.0.2.44"])
            let elsewhere = try await app.send(.POST, "/api/paas/domains/\(id)/verify", token: world.alice).json()
            #expect(elsewhere["status"] as? String == "verified", "\(elsewhere)")
            #expect((elsewhere["last_error"] as? String)?.contains("192.0.2.44") == true)
            // A proven claim never lapses, so the API no longer shows a lapse time (nil keys are left out).
            #expect(elsewhere["verified_at"] is String)
            #expect(elsewhere["claim_expires_at"] == nil || elsewhere["claim_expires_at"] is NSNull)

            // The fixture location's ingress is 127.0.0.1, challtestsrv's answer for names it has no A record for.
            try await dns.clearA(host)
            let here = try await app.send(.POST, "/api/paas/domains/\(id)/verify", token: world.alice).json()
            #expect(here["status"] as? String == "cert_pending", "\(here)")
            #expect((here["certificate"] as? [String: Any])?["status"] as? String == "pending")
            #expect(here["last_error"] == nil, "\(here)")

            let slug = try #require(try await Location.find(UUID(uuidString: world.fixtures.locationID), on: app.db)?.slug)
            let routes = try await IngressRoutes(db: app.db, docker: app.docker, snapshot: SwarmSnapshot())
                .config(locationSlug: slug, statusURL: "http://127.0.0.1:9", settings: PlatformSettings.load(on: app.db, config: app.config))
            #expect(routes.http.routers.values.contains { $0.rule == "Host(`\(host)`)" && $0.tls?.certResolver == "le" }, "HTTPS is asked for while it points here")
            #expect(routes.http.routers.values.contains { $0.rule == "Host(`\(host)`)" && $0.tls == nil && $0.middlewares?.contains("paas-https-redirect") != true },
                    "HTTP serves the app until the certificate is active")
        }
    }

    @Test("A resolver that does not answer changes nothing and says so")
    func resolverDown() async throws {
        guard TestDNS.available() != nil else { return }
        try await TestApp.withApp { app in
            app.config.dnsResolver = "127.0.0.1:9"
            let world = try await DomainsAPITests.world(app)
            let id = try #require(try await DomainsAPITests.add(app, world.alice, world.aliceApp, "www.resolver-down.com").json()["id"] as? String)
            let started = Date()
            let response = try await app.send(.POST, "/api/paas/domains/\(id)/verify", token: world.alice)
            #expect(response.status == .ok)
            let body = try response.json()
            #expect(body["status"] as? String == "pending_dns")
            #expect((body["last_error"] as? String)?.contains("DNS lookup failed") == true, "\(body)")
            #expect(Date().timeIntervalSince(started) < 15, "a dead resolver is given up within seconds")
        }
    }

    @Test("The periodic pass verifies a domain once its TXT record shows, without anyone pressing Verify")
    func periodicPass() async throws {
        guard let dns = TestDNS.available() else { return }
        try await TestApp.withApp { app in
            app.config.dnsResolver = dns.server
            let world = try await DomainsAPITests.world(app)
            let host = "shop-\(UUID().uuidString.prefix(6).lowercased()).com"
            let added = try await DomainsAPITests.add(app, world.alice, world.aliceApp, host).json()
            let id = try #require(added["id"] as? String)
            let token = try #require((added["dns_records"] as? [[String: Any]])?.first?["value"] as? String)
            defer { Task { try? await dns.clearTXT("_paas-challenge.\(host)") } }
            #expect(try await DomainSchedule.pass(app, unit: 60) >= 1)
            #expect(try await Domain.find(UUID(uuidString: id), on: app.db)?.status == "pending_dns")
            #expect(try await DomainSchedule.pass(app, unit: 60) == 0, "checked a moment ago: not due again yet")
            try await dns.setTXT("_paas-challenge.\(host)", token)
            #expect(try await DomainSchedule.pass(app, unit: 60, now: Date().addingTimeInterval(61)) >= 1)
            let domain = try #require(try await Domain.find(UUID(uuidString: id), on: app.db))
            #expect(domain.status == "cert_pending" && domain.verifiedAt != nil, "apex pointing at 127.0.0.1 by A: \(domain.status) \(domain.lastError ?? "")")
        }
    }
}
