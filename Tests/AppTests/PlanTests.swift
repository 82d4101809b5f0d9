import Fluent
import Foundation
import Testing
import VaporTesting
@testable import App

@Suite("Plans")
struct PlanTests {
    static let small = #"{"name": "Small", "cpu": 0.5, "memory_mb": 512, "max_containers": 4, "price_per_hour": 6849, "monthly_price": 5000000}"#

    @Test("Admins create, change and list plans; clients see only offered ones")
    func lifecycle() async throws {
        try await TestApp.withApp { app in
            let admin = try await app.makeAdminToken()
            let client = try await app.signup()
            let created = try await app.send(.POST, "/api/admin/paas/plans", token: admin, json: Self.small)
            #expect(created.status == .created)
            let plan = try created.json()
            let id = try #require(plan["id"] as? String)
            #expect(plan["cpu"] as? Double == 0.5)
            #expect(plan["memory_mb"] as? Int == 512)
            #expect(plan["price_per_hour"] as? Int == 6849)
            #expect(plan["monthly_price"] as? Int == 5_000_000)
            #expect(try await Plan.find(UUID(uuidString: id), on: app.db)?.cpuMillis == 500)

            let patched = try await app.send(.PATCH, "/api/admin/paas/plans/\(id)", token: admin, json: #"{"memory_mb": 1024, "monthly_price": null}"#)
            #expect(patched.status == .ok)
            #expect(try patched.json()["memory_mb"] as? Int == 1024)
            #expect(try patched.json()["monthly_price"] is NSNull)
            #expect(try patched.json()["cpu"] as? Double == 0.5)

            let offered = try await app.send(.GET, "/api/paas/plans", token: client).jsonArray()
            #expect(offered.map { $0["name"] as? String } == ["Small"])
            _ = try await app.send(.PATCH, "/api/admin/paas/plans/\(id)", token: admin, json: #"{"archived": true}"#)
            #expect(try await app.send(.GET, "/api/paas/plans", token: client).jsonArray().isEmpty)
            #expect(try await app.send(.GET, "/api/admin/paas/plans", token: admin).jsonArray().count == 1)
            #expect(try await ActivityLog.query(on: app.db).filter(\.$action == "plan.create").count() == 1)
        }
    }

    @Test("Bad plan input is a 422 naming the field", arguments: [
        (#"{"name": "X", "cpu": 0, "memory_mb": 512, "max_containers": 1, "price_per_hour": 1}"#, "cpu"),
        (#"{"name": "X", "cpu": 1, "memory_mb": 8, "max_containers": 1, "price_per_hour": 1}"#, "memory_mb"),
        (#"{"name": "X", "cpu": 1, "memory_mb": 512, "max_containers": 0, "price_per_hour": 1}"#, "max_containers"),
        (#"{"name": "X", "cpu": 1, "memory_mb": 512, "max_containers": 1, "price_per_hour": -1}"#, "price_per_hour"),
        (#"{"name": "X", "cpu": 1, "memory_mb": 512, "max_containers": 1, "price_per_hour": 1, "monthly_price": 0}"#, "monthly_price"),
        (#"{"name": "", "cpu": 1, "memory_mb": 512, "max_containers": 1, "price_per_hour": 1}"#, "name"),
        (#"{"cpu": 1, "memory_mb": 512, "max_containers": 1, "price_per_hour": 1}"#, "name"),
        (#"{"name": "X", "cpu": "lots", "memory_mb": 512, "max_containers": 1, "price_per_hour": 1}"#, "cpu"),
        (#"{"name": "X", "cpu": 1, "memory_mb": 512, "max_containers": 1, "price_per_hour": 1.5}"#, "price_per_hour"),
    ])
    func validation(json: String, field: String) async throws {
        try await TestApp.withApp { app in
            let admin = try await app.makeAdminToken()
            let response = try await app.send(.POST, "/api/admin/paas/plans", token: admin, json: json)
            #expect(response.status == .unprocessableEntity)
            #expect(response.errorField == field)
            #expect(try await Plan.query(on: app.db).count() == 0)
        }
    }

    @Test("Plan names are unique: 409")
    func duplicateName() async throws {
        try await TestApp.withApp { app in
            let admin = try await app.makeAdminToken()
            #expect(try await app.send(.POST, "/api/admin/paas/plans", token: admin, json: Self.small).status == .created)
            let again = try await app.send(.POST, "/api/admin/paas/plans", token: admin, json: Self.small)
            #expect(again.status == .conflict)
            #expect(again.errorField == "name")
        }
    }

    @Test("Deleting an unused plan removes it; a plan in use is archived instead")
    func deleteOrArchive() async throws {
        try await TestApp.withApp { app in
            let admin = try await app.makeAdminToken()
            let unused = try await app.send(.POST, "/api/admin/paas/plans", token: admin, json: Self.small).json()["id"] as? String ?? ""
            #expect(try await app.send(.DELETE, "/api/admin/paas/plans/\(unused)", token: admin).status == .noContent)
            #expect(try await Plan.query(on: app.db).count() == 0)

            let usedID = try #require(try await app.send(.POST, "/api/admin/paas/plans", token: admin, json: Self.small).json()["id"] as? String)
            let location = Location()
            location.name = "Test"; location.slug = "test"; location.country = "DE"; location.isActive = true
            try await location.create(on: app.db)
            let tenant = TenantApp()
            tenant.organizationID = try #require(try await Organization.query(on: app.db).first()?.id)
            tenant.name = "uses-plan"; tenant.status = "new"; tenant.deployBranch = "main"; tenant.formation = "{}"
            tenant.$plan.id = try #require(UUID(uuidString: usedID)); tenant.$location.id = try location.requireID()
            try await tenant.create(on: app.db)
            let archived = try await app.send(.DELETE, "/api/admin/paas/plans/\(usedID)", token: admin)
            #expect(archived.status == .ok)
            #expect(try archived.json()["archived"] as? Bool == true)
            #expect(try await Plan.query(on: app.db).count() == 1)
        }
    }

    @Test("Unknown plan ids are 404; clients are refused")
    func notFoundAndForbidden() async throws {
        try await TestApp.withApp { app in
            let admin = try await app.makeAdminToken()
            let client = try await app.signup()
            #expect(try await app.send(.PATCH, "/api/admin/paas/plans/\(UUID())", token: admin, json: "{}").status == .notFound)
            #expect(try await app.send(.DELETE, "/api/admin/paas/plans/nope", token: admin).status == .notFound)
            #expect(try await app.send(.POST, "/api/admin/paas/plans", token: client, json: Self.small).status == .forbidden)
            #expect(try await app.send(.GET, "/api/admin/paas/plans", token: client).status == .forbidden)
        }
    }

    @Test("The plans page creates a plan from a form with prices in the main unit")
    func page() async throws {
        try await TestApp.withApp { app in
            try await FirstAdmin.create(app, email: "root@example.com", password: "admin-pass-123", name: "Root")
            var browser = BrowserSessionDriver(app: app)
            let login = try await browser.request(.GET, "/login")
            _ = try await browser.request(.POST, "/login", form: ["_csrf": BrowserSessionDriver.csrf(in: login.body.string) ?? "", "email": "root@example.com", "password": "admin-pass-123"])
            let page = try await browser.request(.GET, "/admin/plans")
            #expect(page.body.string.contains("No plans yet"))
            let csrf = try #require(BrowserSessionDriver.csrf(in: page.body.string))
            let bad = try await browser.request(.POST, "/admin/plans", form: ["_csrf": csrf, "name": "Web", "cpu": "1", "memory_mb": "1024", "storage_mb": "1024", "max_containers": "3", "price_per_hour": "0.0000001", "log_retention_days": "7"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("six decimals"))
            #expect(bad.body.string.contains(#"value="Web""#))
            let good = try await browser.request(.POST, "/admin/plans", form: ["_csrf": csrf, "name": "Web", "cpu": "1", "memory_mb": "1024", "storage_mb": "1024", "max_containers": "3", "price_per_hour": "0.0137", "monthly_price": "10", "autoscaling_allowed": "on", "log_retention_days": "7"])
            #expect(good.status == .seeOther)
            let plan = try #require(try await Plan.query(on: app.db).first())
            #expect(plan.pricePerHour == 13_700)
            #expect(plan.monthlyPrice == 10_000_000)
            #expect(plan.autoscalingAllowed)
            let listed = try await browser.request(.GET, "/admin/plans")
            #expect(listed.body.string.contains("$0.0137"))
            #expect(listed.body.string.contains("was created"))
        }
    }
}
