import Fluent
import Foundation
import Testing
import VaporTesting
@testable import App

@Suite("Tokens and organization isolation")
struct TokenAndIsolationTests {
    @Test("Create, list and revoke tokens; the secret is returned once and only its hash is stored")
    func tokenLifecycle() async throws {
        try await TestApp.withApp { app in
            let session = try await app.signup()
            let created = try await app.send(.POST, "/api/tokens", token: session, json: #"{"name": "ci", "expires_in_days": 30}"#)
            #expect(created.status == .created)
            let body = try created.json()
            let secret = try #require(body["token"] as? String)
            let id = try #require(body["id"] as? String)
            #expect(try await APIToken.query(on: app.db).filter(\.$tokenHash == secret).count() == 0)
            #expect(try await APIToken.query(on: app.db).filter(\.$tokenHash == SecureToken.hash(secret)).count() == 1)
            let list = try await app.send(.GET, "/api/tokens", token: session).jsonArray()
            #expect(list.contains { $0["id"] as? String == id && $0["token"] == nil })
            #expect(try await app.send(.GET, "/api/auth/me", token: secret).status == .ok)
            #expect(try await app.send(.DELETE, "/api/tokens/\(id)", token: session).status == .noContent)
            #expect(try await app.send(.GET, "/api/auth/me", token: secret).status == .unauthorized)
            let actions = try await ActivityLog.query(on: app.db).all().map(\.action)
            #expect(actions.contains("token.create") && actions.contains("token.revoke"))
        }
    }

    @Test("Token input is validated")
    func tokenValidation() async throws {
        try await TestApp.withApp { app in
            let session = try await app.signup()
            let empty = try await app.send(.POST, "/api/tokens", token: session, json: #"{"name": "   "}"#)
            #expect(empty.status == .unprocessableEntity && empty.errorField == "name")
            let tooLong = try await app.send(.POST, "/api/tokens", token: session, json: #"{"name": "\#(String(repeating: "x", count: 61))"}"#)
            #expect(tooLong.status == .unprocessableEntity)
            let badExpiry = try await app.send(.POST, "/api/tokens", token: session, json: #"{"name": "x", "expires_in_days": 0}"#)
            #expect(badExpiry.status == .unprocessableEntity && badExpiry.errorField == "expires_in_days")
        }
    }

    @Test("Organization B cannot see or touch organization A's tokens, activity or wallet")
    func crossOrganizationIDOR() async throws {
        try await TestApp.withApp { app in
            let alice = try await app.signup(organization: "Org A")
            let bob = try await app.signup(organization: "Org B")
            let aliceToken = try await app.send(.POST, "/api/tokens", token: alice, json: #"{"name": "alice-ci"}"#).json()
            let aliceTokenID = try #require(aliceToken["id"] as? String)

            let bobsTokens = try await app.send(.GET, "/api/tokens", token: bob).jsonArray()
            #expect(!bobsTokens.contains { $0["id"] as? String == aliceTokenID })
            let steal = try await app.send(.DELETE, "/api/tokens/\(aliceTokenID)", token: bob)
            #expect(steal.status == .notFound)
            #expect(try await app.send(.DELETE, "/api/tokens/not-a-uuid", token: bob).status == .notFound)
            #expect(try await app.send(.GET, "/api/auth/me", token: aliceToken["token"] as? String).status == .ok)

            let bobsActivity = try await app.send(.GET, "/api/activity", token: bob).jsonArray()
            #expect(!bobsActivity.isEmpty)
            #expect(!bobsActivity.contains { ($0["details"] as? String) == "alice-ci" })
            let alicesActivity = try await app.send(.GET, "/api/activity", token: alice).jsonArray()
            #expect(alicesActivity.contains { ($0["details"] as? String) == "alice-ci" })

            let aliceOrg = try await app.send(.GET, "/api/auth/me", token: alice).json()["organization"] as? [String: Any]
            let bobMe = try await app.send(.GET, "/api/auth/me", token: bob).json()["organization"] as? [String: Any]
            #expect(aliceOrg?["id"] as? String != bobMe?["id"] as? String)
        }
    }

    @Test("Clients get 403 on every admin path; admins get through", arguments: [
        ("GET", "/api/admin/paas/metrics"), ("GET", "/api/admin/paas/nodes"), ("POST", "/api/admin/paas/plans"),
        ("DELETE", "/api/admin/paas/nodes/123"), ("PATCH", "/api/admin/paas/plans/1"), ("GET", "/api/admin/paas/anything/else"),
    ])
    func adminOnly(method: String, path: String) async throws {
        try await TestApp.withApp { app in
            let client = try await app.signup()
            let response = try await app.send(HTTPMethod(rawValue: method), path, token: client, json: method == "GET" ? nil : "{}")
            #expect(response.status == .forbidden)
            #expect(response.errorCode == "forbidden")
            let anonymous = try await app.send(HTTPMethod(rawValue: method), path)
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test("Admins read platform metrics")
    func adminMetrics() async throws {
        try await TestApp.withApp { app in
            try await app.signup()
            let admin = try await app.makeAdminToken()
            let response = try await app.send(.GET, "/api/admin/paas/metrics", token: admin)
            #expect(response.status == .ok)
            #expect(try response.json()["users"] as? Int == 2)
            #expect(try response.json()["organizations"] as? Int == 2)
        }
    }

    @Test("Catalog lists answer with arrays")
    func catalog() async throws {
        try await TestApp.withApp { app in
            let token = try await app.signup()
            for path in ["/api/paas/plans", "/api/paas/locations"] {
                let response = try await app.send(.GET, path, token: token)
                #expect(response.status == .ok)
                #expect(response.body.string.hasPrefix("["))
            }
        }
    }
}
