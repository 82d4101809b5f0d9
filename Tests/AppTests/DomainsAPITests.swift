import Fluent
import Foundation
import Testing
import VaporTesting
@testable import App

@Suite("Domains API")
struct DomainsAPITests {
    struct World {
        let fixtures: AppFixtures
        let alice: String
        let bob: String
        let aliceApp: String
        let bobApp: String
    }

    static func world(_ app: Application) async throws -> World {
        let fixtures = try await AppFixtures.make(app)
        let alice = try await app.signup(organization: "Alice Org")
        let bob = try await app.signup(organization: "Bob Org")
        let aliceApp = try #require(try await fixtures.createApp(app, token: alice, name: "alice-app")["id"] as? String)
        let bobApp = try #require(try await fixtures.createApp(app, token: bob, name: "bob-app")["id"] as? String)
        return World(fixtures: fixtures, alice: alice, bob: bob, aliceApp: aliceApp, bobApp: bobApp)
    }

    static func add(_ app: Application, _ token: String, _ appID: String, _ hostname: String) async throws -> TestingHTTPResponse {
        try await app.send(.POST, "/api/paas/domains", token: token, json: #"{"app_id": "\#(appID)", "hostname": "\#(hostname)"}"#)
    }

    @Test("Adding a domain claims it pending DNS proof and shows the records to create")
    func add() async throws {
        try await TestApp.withApp { app in
            let world = try await Self.world(app)
            let response = try await Self.add(app, world.alice, world.aliceApp, "WWW.Shop-Alice.com.")
            #expect(response.status == .created, "\(response.body.string)")
            let domain = try response.json()
            #expect(domain["hostname"] as? String == "www.shop-alice.com")
            #expect(domain["status"] as? String == "pending_dns" && domain["default"] as? Bool == false)
            #expect(domain["claim_expires_at"] is String)
            let records = try #require(domain["dns_records"] as? [[String: Any]])
            let token = try #require(records.first?["value"] as? String)
            #expect(records.first?["type"] as? String == "TXT" && records.first?["name"] as? String == "_paas-challenge.www.shop-alice.com")
            #expect(token.hasPrefix("paas-verify=") && token.count > 30)
            #expect(records.contains { $0["type"] as? String == "CNAME" && $0["value"] as? String == "alice-app.paas.127.0.0.1.sslip.io" })
            #expect(records.contains { $0["type"] as? String == "A" && $0["value"] as? String == "127.0.0.1" })
            let apex = try await Self.add(app, world.alice, world.aliceApp, "shop-alice.com").json()
            #expect(!((apex["dns_records"] as? [[String: Any]]) ?? []).contains { $0["type"] as? String == "CNAME" }, "an apex cannot carry a CNAME")
            let idn = try await Self.add(app, world.alice, world.aliceApp, "Bücher.shop-alice.com")
            #expect(idn.status == .created)
            #expect(try idn.json()["hostname"] as? String == "xn--bcher-kva.shop-alice.com")

            let list = try await app.send(.GET, "/api/paas/domains?app_id=\(world.aliceApp)", token: world.alice).jsonArray()
            #expect(list.map { $0["hostname"] as? String } == ["alice-app.paas.127.0.0.1.sslip.io", "shop-alice.com", "www.shop-alice.com", "xn--bcher-kva.shop-alice.com"])
            #expect(list.first?["default"] as? Bool == true)
            #expect(try await ActivityLog.query(on: app.db).filter(\.$action == "domain.add").count() == 3)
        }
    }

    @Test("Hostnames that are not the client's to claim are refused with the reason", arguments: [
        ("192.0.2.10", "IP address"), ("localhost", "two labels"), ("x.sslip.io", "platform"), ("shop.paas.127.0.0.1.sslip.io", "platform"),
        ("https://www.example.com/", "only the hostname"), ("a..b.com", "empty label"), ("bad_name.com", "letters, digits"), ("", "Give a hostname"),
    ])
    func refused(hostname: String, reason: String) async throws {
        try await TestApp.withApp { app in
            let world = try await Self.world(app)
            let response = try await Self.add(app, world.alice, world.aliceApp, hostname)
            #expect(response.status == .unprocessableEntity && response.errorField == "hostname", "\(hostname): \(response.body.string)")
            #expect(response.errorMessage?.contains(reason) == true, "\(hostname): \(response.errorMessage ?? "")")
            #expect(try await Domain.query(on: app.db).filter(\.$isDefault == false).count() == 0)
        }
    }

    @Test("A hostname belongs to one app platform-wide; an unproven claim of another account lapses, a proven one never does")
    func claims() async throws {
        try await TestApp.withApp { app in
            let world = try await Self.world(app)
            #expect(try await Self.add(app, world.alice, world.aliceApp, "www.contested.com").status == .created)
            let again = try await Self.add(app, world.alice, world.aliceApp, "www.contested.com")
            #expect(again.status == .conflict && again.errorCode == "domain_exists")
            let pending = try await Self.add(app, world.bob, world.bobApp, "www.contested.com")
            #expect(pending.status == .conflict && pending.errorCode == "domain_taken" && pending.errorMessage?.contains("72 hours") == true)
            #expect(!(pending.errorMessage ?? "").contains("alice"), "nothing about the other account leaks")
            let bobDefault = try await Self.add(app, world.alice, world.aliceApp, "bob-app.paas.127.0.0.1.sslip.io")
            #expect(bobDefault.status == .unprocessableEntity, "another app's default hostname is the platform's")

            // The claim lapses unproven: Bob may now take it, and Alice's claim is gone.
            let claim = try #require(try await Domain.query(on: app.db).filter(\.$hostname == "www.contested.com").first())
            claim.claimExpiresAt = Date().addingTimeInterval(-1)
            try await claim.save(on: app.db)
            let taken = try await Self.add(app, world.bob, world.bobApp, "www.contested.com")
            #expect(taken.status == .created)
            let rows = try await Domain.query(on: app.db).filter(\.$hostname == "www.contested.com").all()
            #expect(rows.count == 1 && rows.first?.$app.id.uuidString.lowercased() == world.bobApp)

            // Once proven, the claim holds whatever its lapse time said.
            let proven = try #require(rows.first)
            proven.verifiedAt = Date()
            proven.status = "active"
            proven.claimExpiresAt = Date().addingTimeInterval(-86400)
            try await proven.save(on: app.db)
            let stolen = try await Self.add(app, world.alice, world.aliceApp, "www.contested.com")
            #expect(stolen.status == .conflict && stolen.errorCode == "domain_taken")
            #expect(try await Domain.query(on: app.db).filter(\.$hostname == "www.contested.com").first()?.$app.id.uuidString.lowercased() == world.bobApp)
        }
    }

    @Test("Another organization gets 404 on every domain endpoint, and nothing changes")
    func idorSweep() async throws {
        try await TestApp.withApp { app in
            let world = try await Self.world(app)
            let id = try #require(try await Self.add(app, world.alice, world.aliceApp, "www.alice-only.com").json()["id"] as? String)
            for (method, suffix) in [(HTTPMethod.GET, ""), (.DELETE, ""), (.POST, "/verify")] {
                let response = try await app.send(method, "/api/paas/domains/\(id)\(suffix)", token: world.bob)
                #expect(response.status == .notFound, "\(method) \(suffix) answered \(response.status)")
                #expect(!response.body.string.contains("alice-only"))
            }
            let onAliceApp = try await Self.add(app, world.bob, world.aliceApp, "www.bob-on-alice.com")
            #expect(onAliceApp.status == .notFound)
            let filtered = try await app.send(.GET, "/api/paas/domains?app_id=\(world.aliceApp)", token: world.bob)
            #expect(filtered.status == .notFound)
            let bobsList = try await app.send(.GET, "/api/paas/domains", token: world.bob).jsonArray()
            #expect(bobsList.map { $0["hostname"] as? String } == ["bob-app.paas.127.0.0.1.sslip.io"])
            #expect(try await Domain.query(on: app.db).filter(\.$hostname == "www.alice-only.com").count() == 1)
            #expect(try await Domain.query(on: app.db).filter(\.$hostname == "www.bob-on-alice.com").count() == 0)
            #expect(try await app.send(.GET, "/api/paas/domains", token: nil).status == .unauthorized)
        }
    }

    @Test("The default hostname stays; a custom one is removed with its route")
    func remove() async throws {
        try await TestApp.withApp { app in
            let world = try await Self.world(app)
            let list = try await app.send(.GET, "/api/paas/domains?app_id=\(world.aliceApp)", token: world.alice).jsonArray()
            let defaultID = try #require(list.first?["id"] as? String)
            let refused = try await app.send(.DELETE, "/api/paas/domains/\(defaultID)", token: world.alice)
            #expect(refused.status == .conflict && refused.errorCode == "default_domain")
            let id = try #require(try await Self.add(app, world.alice, world.aliceApp, "www.gone.com").json()["id"] as? String)
            #expect(try await app.send(.DELETE, "/api/paas/domains/\(id)", token: world.alice).status == .noContent)
            #expect(try await app.send(.GET, "/api/paas/domains/\(id)", token: world.alice).status == .notFound)
            #expect(try await ActivityLog.query(on: app.db).filter(\.$action == "domain.remove").count() == 1)
        }
    }
}
