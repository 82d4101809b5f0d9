import Fluent
import Foundation
import Testing
import VaporTesting
@testable import App

@Suite("Apps API")
struct AppsAPITests {
    @Test("Creating an app validates its name, plan and location")
    func createValidation() async throws {
        try await TestApp.withApp { app in
            let fixtures = try await AppFixtures.make(app)
            let client = try await app.signup()
            let created = try await fixtures.createApp(app, token: client, name: "My-Shop")
            #expect(created["name"] as? String == "my-shop")
            #expect(created["status"] as? String == "new")
            #expect(created["plan_id"] as? String == fixtures.planID)
            #expect(created["location_id"] as? String == fixtures.locationID)
            #expect((created["domains"] as? [String])?.first == "my-shop.paas.127.0.0.1.sslip.io")

            func attempt(_ json: String) async throws -> TestingHTTPResponse { try await app.send(.POST, "/api/paas/apps", token: client, json: json) }
            let badName = try await attempt(#"{"name": "A!", "plan_id": "\#(fixtures.planID)", "location_id": "\#(fixtures.locationID)"}"#)
            #expect(badName.status == .unprocessableEntity && badName.errorField == "name")
            let badPlan = try await attempt(#"{"name": "okname", "plan_id": "\#(UUID())", "location_id": "\#(fixtures.locationID)"}"#)
            #expect(badPlan.status == .unprocessableEntity && badPlan.errorField == "plan_id")
            let badLocation = try await attempt(#"{"name": "okname", "plan_id": "\#(fixtures.planID)", "location_id": "nope"}"#)
            #expect(badLocation.status == .unprocessableEntity && badLocation.errorField == "location_id")
            let missing = try await attempt(#"{"name": "okname"}"#)
            #expect(missing.status == .unprocessableEntity && missing.errorField == "plan_id")

            let other = try await app.signup()
            let taken = try await app.send(.POST, "/api/paas/apps", token: other, json: #"{"name": "my-shop", "plan_id": "\#(fixtures.planID)", "location_id": "\#(fixtures.locationID)"}"#)
            #expect(taken.status == .conflict && taken.errorField == "name")
            #expect(try await TenantApp.query(on: app.db).count() == 1)
        }
    }

    @Test("Another organization gets 404 on every app endpoint, and A's app is untouched")
    func idorSweep() async throws {
        try await TestApp.withApp { app in
            let fixtures = try await AppFixtures.make(app)
            let alice = try await app.signup(organization: "Alice Org")
            let bob = try await app.signup(organization: "Bob Org")
            let id = try #require(try await fixtures.createApp(app, token: alice, name: "alice-app")["id"] as? String)
            _ = try await app.send(.PATCH, "/api/paas/apps/\(id)/config-vars", token: alice, json: #"{"SECRET": "alice-only"}"#)
            let attempts: [(HTTPMethod, String, String?)] = [
                (.GET, "", nil), (.PATCH, "", #"{"health_check_path": "/x"}"#), (.DELETE, "", nil),
                (.POST, "/deploy", #"{"image": "paas-test/web:1"}"#), (.GET, "/deployments", nil), (.GET, "/releases", nil),
                (.POST, "/scale", #"{"web": 0}"#), (.POST, "/restart", nil), (.GET, "/config-vars", nil),
                (.PATCH, "/config-vars", #"{"SECRET": "stolen"}"#), (.GET, "/logs?follow=0", nil),
            ]
            for (method, suffix, body) in attempts {
                let response = try await app.send(method, "/api/paas/apps/\(id)\(suffix)", token: bob, json: body)
                #expect(response.status == .notFound, "\(method) \(suffix) answered \(response.status)")
                #expect(!response.body.string.contains("alice-only"))
            }
            #expect(try await app.send(.GET, "/api/paas/apps", token: bob).jsonArray().isEmpty)
            let still = try await app.send(.GET, "/api/paas/apps/\(id)/config-vars", token: alice).json()
            #expect(still["SECRET"] as? String == "alice-only")
            #expect(try await TenantApp.query(on: app.db).count() == 1)
        }
    }

    @Test("Config vars are sealed at rest and validated")
    func configVars() async throws {
        try await TestApp.withApp { app in
            let fixtures = try await AppFixtures.make(app)
            let client = try await app.signup()
            let id = try #require(try await fixtures.createApp(app, token: client)["id"] as? String)
            let set = try await app.send(.PATCH, "/api/paas/apps/\(id)/config-vars", token: client, json: #"{"DATABASE_URL": "postgres://u:pw@db/x", "EMPTY": ""}"#)
            #expect(set.status == .ok)
            #expect(try set.json()["DATABASE_URL"] as? String == "postgres://u:pw@db/x")
            let row = try #require(try await ConfigVar.query(on: app.db).filter(\.$key == "DATABASE_URL").first())
            #expect(!row.valueSealed.contains("postgres"))
            let unset = try await app.send(.PATCH, "/api/paas/apps/\(id)/config-vars", token: client, json: #"{"EMPTY": null}"#)
            #expect(try unset.json().keys.sorted() == ["DATABASE_URL"])
            for bad in [#"{"PORT": "1"}"#, #"{"1BAD": "x"}"#, #"{"A-B": "x"}"#, "{}", #"{"K": 5}"#] {
                let response = try await app.send(.PATCH, "/api/paas/apps/\(id)/config-vars", token: client, json: bad)
                #expect(response.status == .unprocessableEntity, "\(bad)")
            }
            let activity = try await ActivityLog.query(on: app.db).filter(\.$action == "app.config").all()
            #expect(activity.allSatisfy { !($0.details ?? "").contains("postgres") })
        }
    }

    @Test("With Docker down, deploys and deletes answer 503 and nothing is written")
    func dockerUnreachable() async throws {
        try await TestApp.withApp { app in
            let fixtures = try await AppFixtures.make(app)
            let client = try await app.signup()
            let id = try #require(try await fixtures.createApp(app, token: client)["id"] as? String)
            try await app.useUnreachableDocker()
            let deploy = try await app.send(.POST, "/api/paas/apps/\(id)/deploy", token: client, json: #"{"image": "paas-test/web:1"}"#)
            #expect(deploy.status == .serviceUnavailable)
            #expect(deploy.errorCode == "docker_unreachable")
            #expect(deploy.errorMessage?.contains("nothing was changed") == true)
            #expect(try await Release.query(on: app.db).count() == 0)
            #expect(try await Deployment.query(on: app.db).count() == 0)
            let delete = try await app.send(.DELETE, "/api/paas/apps/\(id)", token: client)
            #expect(delete.status == .serviceUnavailable)
            #expect(try await TenantApp.query(on: app.db).count() == 1)
            let show = try await app.send(.GET, "/api/paas/apps/\(id)", token: client)
            #expect(show.status == .ok)
            let badImage = try await app.send(.POST, "/api/paas/apps/\(id)/deploy", token: client, json: #"{"image": "bad image; rm -rf /"}"#)
            #expect(badImage.status == .unprocessableEntity && badImage.errorField == "image")
        }
    }

    @Test("Scaling is bounded by the plan and by the location's capacity")
    func scaleBounds() async throws {
        try await TestApp.withApp { app in
            let fixtures = try await AppFixtures.make(app, memoryMB: 512)
            let client = try await app.signup()
            let id = try #require(try await fixtures.createApp(app, token: client)["id"] as? String)
            let tooMany = try await app.send(.POST, "/api/paas/apps/\(id)/scale", token: client, json: #"{"web": 4}"#)
            #expect(tooMany.status == .unprocessableEntity)
            #expect(tooMany.errorMessage?.contains("allows 0 to 3") == true)
            // The fixture node has 1024 MB: two more 512 MB containers do not fit beside the first.
            let noRoom = try await app.send(.POST, "/api/paas/apps/\(id)/scale", token: client, json: #"{"web": 3}"#)
            #expect(noRoom.status == .unprocessableEntity)
            #expect(noRoom.errorCode == "no_capacity")
            #expect(noRoom.errorMessage?.contains("fixture") == true)
            let unknown = try await app.send(.POST, "/api/paas/apps/\(id)/scale", token: client, json: #"{"worker": 1}"#)
            #expect(unknown.status == .unprocessableEntity)
            let negative = try await app.send(.POST, "/api/paas/apps/\(id)/scale", token: client, json: #"{"web": -1}"#)
            #expect(negative.status == .unprocessableEntity)
            let ok = try await app.send(.POST, "/api/paas/apps/\(id)/scale", token: client, json: #"{"web": 2}"#)
            #expect(ok.status == .ok)
            #expect(try ok.json()["web"] as? Int == 2)
        }
    }
}

@Suite("App settings")
struct AppSettingsTests {
    @Test("Deploy branch and health check path are validated", arguments: [
        (#"{"deploy_branch": "release/1.2"}"#, true), (#"{"deploy_branch": "main"}"#, true), (#"{"deploy_branch": "../etc"}"#, false),
        (#"{"deploy_branch": "-rf"}"#, false), (#"{"deploy_branch": "a b"}"#, false), (#"{"health_check_path": "/up"}"#, true),
        (#"{"health_check_path": "up"}"#, false), (#"{"health_check_path": "/x'; rm -rf /"}"#, false), (#"{"health_check_path": null}"#, true),
    ])
    func settings(json: String, ok: Bool) async throws {
        try await TestApp.withApp { app in
            let fixtures = try await AppFixtures.make(app)
            let client = try await app.signup()
            let id = try #require(try await fixtures.createApp(app, token: client)["id"] as? String)
            let response = try await app.send(.PATCH, "/api/paas/apps/\(id)", token: client, json: json)
            #expect((response.status == .ok) == ok, "\(json): \(response.status) \(response.body.string)")
        }
    }
}
