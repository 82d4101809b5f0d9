import Fluent
import Foundation
import Testing
import VaporTesting
@testable import App

@Suite("Locations")
struct LocationTests {
    @Test("Admins add, change, deactivate and delete locations; clients see active ones")
    func lifecycle() async throws {
        try await TestApp.withApp { app in
            let admin = try await app.makeAdminToken()
            let client = try await app.signup()
            let created = try await app.send(.POST, "/api/admin/paas/locations", token: admin, json: #"{"name": "Frankfurt 1", "country": "de", "city": "Frankfurt"}"#)
            #expect(created.status == .created)
            let id = try #require(try created.json()["id"] as? String)
            #expect(try created.json()["slug"] as? String == "frankfurt-1")
            #expect(try created.json()["country"] as? String == "DE")
            // Without a ready node there is nothing to place an app on: clients do not see it yet.
            #expect(try await app.send(.GET, "/api/paas/locations", token: client).jsonArray().isEmpty)
            let node = WorkerNode()
            node.name = "fra-node"; node.$location.id = try #require(UUID(uuidString: id)); node.ipv4 = "203.0.113.7"; node.sshPort = 22
            node.roles = "worker"; node.status = NodeStatus.ready; node.cpuCapacityMillis = 1000; node.memoryCapacityMB = 512
            node.cpuAllocatedMillis = 0; node.memoryAllocatedMB = 0; node.taskCount = 0
            try await node.create(on: app.db)
            #expect(try await app.send(.GET, "/api/paas/locations", token: client).jsonArray().count == 1)
            let off = try await app.send(.PATCH, "/api/admin/paas/locations/\(id)", token: admin, json: #"{"active": false}"#)
            #expect(try off.json()["active"] as? Bool == false)
            #expect(try await app.send(.GET, "/api/paas/locations", token: client).jsonArray().isEmpty)
            try await node.delete(on: app.db)
            #expect(try await app.send(.DELETE, "/api/admin/paas/locations/\(id)", token: admin).status == .noContent)
            #expect(try await ActivityLog.query(on: app.db).filter(\.$action ~~ "location.").count() == 3)
        }
    }

    @Test("Bad location input names the field; duplicates are 409", arguments: [
        (#"{"name": "X", "country": "Germany"}"#, "country"), (#"{"name": "", "country": "DE"}"#, "name"),
        (#"{"name": "X", "slug": "Bad Slug!", "country": "DE"}"#, "slug"), (#"{"name": "X"}"#, "country"),
    ])
    func validation(json: String, field: String) async throws {
        try await TestApp.withApp { app in
            let admin = try await app.makeAdminToken()
            let response = try await app.send(.POST, "/api/admin/paas/locations", token: admin, json: json)
            #expect(response.status == .unprocessableEntity)
            #expect(response.errorField == field)
        }
    }

    @Test("Duplicate slugs are refused, and a location in use cannot be deleted")
    func conflicts() async throws {
        try await TestApp.withApp { app in
            let admin = try await app.makeAdminToken()
            let id = try #require(try await app.send(.POST, "/api/admin/paas/locations", token: admin, json: #"{"name": "Ams", "country": "NL"}"#).json()["id"] as? String)
            let dup = try await app.send(.POST, "/api/admin/paas/locations", token: admin, json: #"{"name": "Other", "slug": "ams", "country": "NL"}"#)
            #expect(dup.status == .conflict && dup.errorField == "slug")
            let plan = try #require(try await app.send(.POST, "/api/admin/paas/plans", token: admin, json: PlanTests.small).json()["id"] as? String)
            let tenant = TenantApp()
            tenant.organizationID = try #require(try await Organization.query(on: app.db).first()?.id)
            tenant.name = "in-ams"; tenant.status = "new"; tenant.deployBranch = "main"; tenant.formation = "{}"
            tenant.$plan.id = try #require(UUID(uuidString: plan)); tenant.$location.id = try #require(UUID(uuidString: id))
            try await tenant.create(on: app.db)
            let refused = try await app.send(.DELETE, "/api/admin/paas/locations/\(id)", token: admin)
            #expect(refused.status == .conflict)
            #expect(refused.errorMessage?.contains("Deactivate") == true)
            let rename = try await app.send(.PATCH, "/api/admin/paas/locations/\(id)", token: admin, json: #"{"slug": "ams-2"}"#)
            #expect(rename.status == .conflict)
            #expect(try await app.send(.POST, "/api/admin/paas/locations", token: app.signup(), json: #"{"name": "Evil", "country": "NL"}"#).status == .forbidden)
        }
    }
}
