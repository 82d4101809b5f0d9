import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import App

@Suite("Addon plans")
struct AddonPlanTests {
    static func plan(kind: String = "postgresql", name: String = "Hobby", extra: String = "") -> String {
        #"{"kind": "\#(kind)", "name": "\#(name)", "memory_mb": 256, "storage_mb": 1024, "price_per_hour": 13700\#(extra)}"#
    }

    static let hobby = plan(extra: #", "cpu": 0.25, "max_connections": 20, "monthly_price": 10000000, "description": "For side projects""#)

    @Test("Admins create, change and list addon plans; clients see only offered ones")
    func lifecycle() async throws {
        try await TestApp.withApp { app in
            let admin = try await app.makeAdminToken()
            let client = try await app.signup()
            let created = try await app.send(.POST, "/api/admin/paas/addon-plans", token: admin, json: Self.hobby)
            #expect(created.status == .created)
            let plan = try created.json()
            let id = try #require(plan["id"] as? String)
            #expect(plan["kind"] as? String == "postgresql")
            #expect(plan["cpu"] as? Double == 0.25)
            #expect(plan["max_connections"] as? Int == 20)
            #expect(plan["monthly_price"] as? Int == 10_000_000)
            #expect(plan["sort_order"] is NSNull)
            #expect(try await AddonPlan.find(UUID(uuidString: id), on: app.db)?.cpuMillis == 250)

            let patched = try await app.send(.PATCH, "/api/admin/paas/addon-plans/\(id)", token: admin,
                                             json: #"{"memory_mb": 512, "cpu": null, "monthly_price": null, "sort_order": 3}"#)
            #expect(patched.status == .ok)
            let body = try patched.json()
            #expect(body["memory_mb"] as? Int == 512)
            #expect(body["cpu"] is NSNull)
            #expect(body["monthly_price"] is NSNull)
            #expect(body["max_connections"] as? Int == 20)
            #expect(body["description"] as? String == "For side projects")
            #expect(body["sort_order"] as? Int == 3)

            let offered = try await app.send(.GET, "/api/paas/addon-plans", token: client)
            #expect(offered.status == .ok)
            #expect(try offered.jsonArray().map { $0["name"] as? String } == ["Hobby"])
            _ = try await app.send(.PATCH, "/api/admin/paas/addon-plans/\(id)", token: admin, json: #"{"archived": true}"#)
            #expect(try await app.send(.GET, "/api/paas/addon-plans", token: client).jsonArray().isEmpty)
            #expect(try await app.send(.GET, "/api/admin/paas/addon-plans", token: admin).jsonArray().count == 1)
            #expect(try await ActivityLog.query(on: app.db).filter(\.$action == "addon_plan.create").count() == 1)
            #expect(try await ActivityLog.query(on: app.db).filter(\.$action == "addon_plan.update").count() == 2)
        }
    }

    @Test("The catalog lists by kind, then sort order (unordered last), then name")
    func catalogOrder() async throws {
        try await TestApp.withApp { app in
            let admin = try await app.makeAdminToken()
            for (kind, name, order) in [("redis", "B", "1"), ("postgresql", "Z", "null"), ("postgresql", "A", "2"), ("postgresql", "M", "1"), ("mysql", "X", "null")] {
                let response = try await app.send(.POST, "/api/admin/paas/addon-plans", token: admin, json: Self.plan(kind: kind, name: name, extra: #", "sort_order": \#(order)"#))
                #expect(response.status == .created)
            }
            let listed = try await app.send(.GET, "/api/paas/addon-plans", token: app.signup()).jsonArray()
            #expect(listed.map { "\($0["kind"] as? String ?? ""):\($0["name"] as? String ?? "")" } == ["mysql:X", "postgresql:M", "postgresql:A", "postgresql:Z", "redis:B"])
        }
    }

    @Test("Bad addon plan input is a 422 naming the field", arguments: [
        (plan(kind: "mongodb"), "kind"), (plan(name: ""), "name"), (plan(name: "   "), "name"),
        (#"{"name": "X", "memory_mb": 256, "storage_mb": 0, "price_per_hour": 1}"#, "kind"),
        (#"{"kind": "redis", "name": "X", "storage_mb": 0, "price_per_hour": 1}"#, "memory_mb"),
        (#"{"kind": "redis", "name": "X", "memory_mb": 256, "price_per_hour": 1}"#, "storage_mb"),
        (#"{"kind": "redis", "name": "X", "memory_mb": 63, "storage_mb": 0, "price_per_hour": 1}"#, "memory_mb"),
        (#"{"kind": "redis", "name": "X", "memory_mb": 256, "storage_mb": -1, "price_per_hour": 1}"#, "storage_mb"),
        (#"{"kind": "redis", "name": "X", "memory_mb": 256, "storage_mb": 0, "price_per_hour": -1}"#, "price_per_hour"),
        (plan(extra: #", "cpu": 0.01"#), "cpu"), (plan(extra: #", "cpu": "lots""#), "cpu"),
        (plan(extra: #", "max_connections": 0"#), "max_connections"), (plan(extra: #", "monthly_price": 0"#), "monthly_price"),
        (#"{"kind": "redis", "name": "X", "memory_mb": 256.5, "storage_mb": 0, "price_per_hour": 1}"#, "memory_mb"),
        (plan(extra: #", "max_connections": 1.5"#), "max_connections"),
        (#"{"kind": "redis", "name": "X", "memory_mb": 256, "storage_mb": 0, "price_per_hour": 1.5}"#, "price_per_hour"),
    ])
    func validation(json: String, field: String) async throws {
        try await TestApp.withApp { app in
            let admin = try await app.makeAdminToken()
            let response = try await app.send(.POST, "/api/admin/paas/addon-plans", token: admin, json: json)
            #expect(response.status == .unprocessableEntity)
            #expect(response.errorField == field)
            #expect(try await AddonPlan.query(on: app.db).count() == 0)
        }
    }

    @Test("Names are unique per kind: 409, while another kind may reuse the name")
    func duplicateName() async throws {
        try await TestApp.withApp { app in
            let admin = try await app.makeAdminToken()
            #expect(try await app.send(.POST, "/api/admin/paas/addon-plans", token: admin, json: Self.hobby).status == .created)
            let again = try await app.send(.POST, "/api/admin/paas/addon-plans", token: admin, json: Self.plan(name: " Hobby "))
            #expect(again.status == .conflict)
            #expect(again.errorCode == "addon_plan_name_taken")
            #expect(again.errorField == "name")
            let redis = try await app.send(.POST, "/api/admin/paas/addon-plans", token: admin, json: Self.plan(kind: "redis"))
            #expect(redis.status == .created)
            let id = try #require(try redis.json()["id"] as? String)
            let moved = try await app.send(.PATCH, "/api/admin/paas/addon-plans/\(id)", token: admin, json: #"{"kind": "postgresql"}"#)
            #expect(moved.status == .conflict)
            #expect(moved.errorCode == "addon_plan_name_taken")
        }
    }

    @Test("Deleting an unused addon plan removes it; one in use is archived instead and keeps its kind")
    func deleteOrArchive() async throws {
        try await TestApp.withApp { app in
            let admin = try await app.makeAdminToken()
            let unused = try await app.send(.POST, "/api/admin/paas/addon-plans", token: admin, json: Self.hobby).json()["id"] as? String ?? ""
            #expect(try await app.send(.DELETE, "/api/admin/paas/addon-plans/\(unused)", token: admin).status == .noContent)
            #expect(try await AddonPlan.query(on: app.db).count() == 0)

            let usedID = try #require(try await app.send(.POST, "/api/admin/paas/addon-plans", token: admin, json: Self.hobby).json()["id"] as? String)
            try await Self.insertAddon(app, planID: try #require(UUID(uuidString: usedID)))
            let moved = try await app.send(.PATCH, "/api/admin/paas/addon-plans/\(usedID)", token: admin, json: #"{"kind": "mysql"}"#)
            #expect(moved.status == .conflict)
            #expect(moved.errorCode == "addon_plan_in_use")
            let archived = try await app.send(.DELETE, "/api/admin/paas/addon-plans/\(usedID)", token: admin)
            #expect(archived.status == .ok)
            #expect(try archived.json()["archived"] as? Bool == true)
            #expect(try await AddonPlan.query(on: app.db).count() == 1)
            #expect(try await app.send(.GET, "/api/paas/addon-plans", token: app.signup()).jsonArray().isEmpty)
            #expect(try await ActivityLog.query(on: app.db).filter(\.$action == "addon_plan.archive").count() == 1)
        }
    }

    @Test("Unknown ids are 404; clients are refused on every admin endpoint")
    func notFoundAndForbidden() async throws {
        try await TestApp.withApp { app in
            let admin = try await app.makeAdminToken()
            let client = try await app.signup()
            let id = try #require(try await app.send(.POST, "/api/admin/paas/addon-plans", token: admin, json: Self.hobby).json()["id"] as? String)
            #expect(try await app.send(.PATCH, "/api/admin/paas/addon-plans/\(UUID())", token: admin, json: "{}").status == .notFound)
            #expect(try await app.send(.DELETE, "/api/admin/paas/addon-plans/nope", token: admin).status == .notFound)
            #expect(try await app.send(.GET, "/api/admin/paas/addon-plans", token: client).status == .forbidden)
            #expect(try await app.send(.POST, "/api/admin/paas/addon-plans", token: client, json: Self.plan(name: "Mine")).status == .forbidden)
            #expect(try await app.send(.PATCH, "/api/admin/paas/addon-plans/\(id)", token: client, json: #"{"price_per_hour": 0}"#).status == .forbidden)
            #expect(try await app.send(.DELETE, "/api/admin/paas/addon-plans/\(id)", token: client).status == .forbidden)
            #expect(try await AddonPlan.query(on: app.db).count() == 1)
            #expect(try await AddonPlan.query(on: app.db).first()?.pricePerHour == 13_700)
        }
    }

    @Test("The addon plans page creates from a form, keeps what was typed on an error, and edits, archives and deletes")
    func page() async throws {
        try await TestApp.withApp { app in
            try await FirstAdmin.create(app, email: "root@example.com", password: "admin-pass-123", name: "Root")
            var browser = BrowserSessionDriver(app: app)
            let login = try await browser.request(.GET, "/login")
            _ = try await browser.request(.POST, "/login", form: ["_csrf": BrowserSessionDriver.csrf(in: login.body.string) ?? "", "email": "root@example.com", "password": "admin-pass-123"])
            let page = try await browser.request(.GET, "/admin/addon-plans")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("No addon plans yet"))
            #expect(page.body.string.contains(#"<a href="/admin/addon-plans" aria-current="page">Addon plans</a>"#))
            let csrf = try #require(BrowserSessionDriver.csrf(in: page.body.string))
            var form = ["_csrf": csrf, "kind": "redis", "name": "Cache S", "description": "Sessions", "cpu": "", "memory_mb": "32",
                        "storage_mb": "0", "max_connections": "500", "price_per_hour": "0.05", "monthly_price": "25", "sort_order": ""]
            let bad = try await browser.request(.POST, "/admin/addon-plans", form: form)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains(#"<p class="field-error" id="field-memory_mb-error">Memory must be between 64 MB"#))
            #expect(bad.body.string.contains(#"value="Cache S""#))
            #expect(bad.body.string.contains(#"value="Sessions""#))
            #expect(bad.body.string.contains(#"<option value="redis" selected>"#))
            #expect(try await AddonPlan.query(on: app.db).count() == 0)

            form["memory_mb"] = "256"
            let good = try await browser.request(.POST, "/admin/addon-plans", form: form)
            #expect(good.status == .seeOther)
            let plan = try #require(try await AddonPlan.query(on: app.db).first())
            #expect(plan.pricePerHour == 50_000)
            #expect(plan.monthlyPrice == 25_000_000)
            #expect(plan.cpuMillis == nil)
            #expect(plan.maxConnections == 500)
            let listed = try await browser.request(.GET, "/admin/addon-plans")
            #expect(listed.body.string.contains("was created"))
            #expect(listed.body.string.contains("$0.05"))
            #expect(listed.body.string.contains("at most $25.00"))

            let path = "/admin/addon-plans/\(plan.id!.uuidString.lowercased())"
            let edit = try await browser.request(.GET, path)
            #expect(edit.body.string.contains(#"value="25.00""#))
            form["price_per_hour"] = "0.0000001"
            let badEdit = try await browser.request(.POST, path, form: form)
            #expect(badEdit.status == .unprocessableEntity)
            #expect(badEdit.body.string.contains("six decimals"))
            #expect(badEdit.body.string.contains(#"value="0.0000001""#))
            form["price_per_hour"] = "0.1"
            form["monthly_price"] = ""
            #expect(try await browser.request(.POST, path, form: form).status == .seeOther)
            #expect(try await browser.request(.GET, "/admin/addon-plans").body.string.contains("about $73.00, no cap"))

            _ = try await browser.request(.POST, path + "/archive", form: ["_csrf": csrf])
            #expect(try await AddonPlan.query(on: app.db).first()?.isArchived == true)
            _ = try await browser.request(.POST, path + "/restore", form: ["_csrf": csrf])
            #expect(try await AddonPlan.query(on: app.db).first()?.isArchived == false)
            let deleted = try await browser.request(.POST, path + "/delete", form: ["_csrf": csrf])
            #expect(deleted.status == .seeOther)
            #expect(try await AddonPlan.query(on: app.db).count() == 0)
        }
    }

    @Test("Clients are refused the addon plan pages")
    func pagesForbidden() async throws {
        try await TestApp.withApp { app in
            let admin = try await app.makeAdminToken()
            let id = try #require(try await app.send(.POST, "/api/admin/paas/addon-plans", token: admin, json: Self.hobby).json()["id"] as? String)
            var client = BrowserSessionDriver(app: app)
            _ = try await client.signup(email: "client@example.com", organization: "Client Org")
            let csrf = try #require(BrowserSessionDriver.csrf(in: try await client.request(.GET, "/apps").body.string))
            #expect(try await client.request(.GET, "/admin/addon-plans").status == .forbidden)
            #expect(try await client.request(.GET, "/admin/addon-plans/\(id)").status == .forbidden)
            #expect(try await client.request(.POST, "/admin/addon-plans", form: ["_csrf": csrf, "kind": "redis", "name": "Mine"]).status == .forbidden)
            #expect(try await client.request(.POST, "/admin/addon-plans/\(id)/delete", form: ["_csrf": csrf]).status == .forbidden)
            #expect(try await AddonPlan.query(on: app.db).count() == 1)
        }
    }

    /// Addons have no model yet, so the row that pins the plan is written directly.
    static func insertAddon(_ app: Application, planID: UUID) async throws {
        let sql = try #require(app.db as? any SQLDatabase)
        let organizationID = UUID()
        try await sql.raw("""
            INSERT INTO organizations (id, name, slug) VALUES (\(bind: organizationID), 'Addon Test', \(bind: "addon-test-\(organizationID.uuidString.lowercased())"))
            """).run()
        try await sql.raw("""
            INSERT INTO paas_addons (id, organization_id, addon_plan_id, kind, name, status)
            VALUES (\(bind: UUID()), \(bind: organizationID), \(bind: planID), 'postgresql', 'main-db', 'available')
            """).run()
    }
}
