import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App

/// The client's app pages, through the forms as a browser posts them. Nothing here deploys, so
/// no Docker is needed; the "engine down" cases point the app at a port that refuses connections.
@Suite("App pages")
struct AppPagesTests {
    /// A signed-in browser of a fresh organization, with the platform's plan and location ready.
    private static func client(_ app: Application, _ fixtures: AppFixtures, org: String = "Pages \(UUID().uuidString.prefix(4))") async throws -> BrowserSessionDriver {
        var browser = BrowserSessionDriver(app: app)
        let signup = try await browser.signup(email: "pages-\(UUID().uuidString.prefix(8).lowercased())@example.com", organization: org)
        #expect(signup.status == .seeOther)
        return browser
    }

    private static func csrf(_ browser: inout BrowserSessionDriver, _ path: String) async throws -> String {
        let page = try await browser.request(.GET, path)
        #expect(page.status == .ok, "\(path): \(page.status)")
        return try #require(BrowserSessionDriver.csrf(in: page.body.string))
    }

    /// Creates an app through the form and returns its id.
    private static func createApp(_ browser: inout BrowserSessionDriver, _ fixtures: AppFixtures, name: String) async throws -> String {
        let token = try await csrf(&browser, "/apps/new")
        let response = try await browser.request(.POST, "/apps", form: ["_csrf": token, "name": name, "plan_id": fixtures.planID, "location_id": fixtures.locationID])
        #expect(response.status == .seeOther, "create: \(response.status) \(response.body.string.prefix(300))")
        let location = try #require(response.headers.first(name: .location))
        #expect(location.hasPrefix("/apps/"))
        return String(location.dropFirst("/apps/".count))
    }

    @Test("The create form validates, keeps what was typed, puts a taken name on the name field and lands on the app page")
    func createForm() async throws {
        try await TestApp.withApp { app in
            let fixtures = try await AppFixtures.make(app)
            var browser = try await Self.client(app, fixtures)

            let list = try await browser.request(.GET, "/apps")
            #expect(list.body.string.contains(#"href="/apps/new""#))
            let form = try await browser.request(.GET, "/apps/new")
            let html = form.body.string
            #expect(form.status == .ok)
            #expect(html.contains(#"<form id="create-app-form""#))
            #expect(html.contains(#"<select id="field-plan_id" name="plan_id""#))
            #expect(html.contains(#"<option value="\#(fixtures.planID)""#))
            #expect(html.contains("0.25 vCPU · 64 MB"), "the plan option shows its CPU and memory")
            #expect(html.contains("per container-hour"), "the plan option shows its hourly price")
            #expect(html.contains("a month per container, no cap"))
            #expect(html.contains(#"<option value="\#(fixtures.locationID)""#))
            let token = try #require(BrowserSessionDriver.csrf(in: html))

            let invalid = try await browser.request(.POST, "/apps", form: ["_csrf": token, "name": "A!", "plan_id": fixtures.planID, "location_id": fixtures.locationID])
            #expect(invalid.status == .unprocessableEntity)
            #expect(invalid.body.string.contains(#"<p class="field-error" id="field-name-error">Use 3 to 30 lowercase"#))
            #expect(invalid.body.string.contains(#"value="A!""#))
            #expect(invalid.body.string.contains(#"<option value="\#(fixtures.planID)" selected>"#), "the chosen plan stays chosen")

            let noPlan = try await browser.request(.POST, "/apps", form: ["_csrf": token, "name": "fine-name", "location_id": fixtures.locationID])
            #expect(noPlan.status == .unprocessableEntity)
            #expect(noPlan.body.string.contains(#"id="field-plan_id-error""#))

            // Another organization already has the name: 409, shown on the name field.
            let other = try await app.signup()
            _ = try await fixtures.createApp(app, token: other, name: "taken-name")
            let taken = try await browser.request(.POST, "/apps", form: ["_csrf": token, "name": "taken-name", "plan_id": fixtures.planID, "location_id": fixtures.locationID])
            #expect(taken.status == .conflict)
            #expect(taken.body.string.contains(#"id="field-name-error">The name &quot;taken-name&quot; is taken"#))
            #expect(try await TenantApp.query(on: app.db).count() == 1)

            let created = try await browser.request(.POST, "/apps", form: ["_csrf": token, "name": "page-shop", "plan_id": fixtures.planID, "location_id": fixtures.locationID])
            #expect(created.status == .seeOther)
            let stored = try #require(try await TenantApp.query(on: app.db).filter(\.$name == "page-shop").first())
            let id = stored.id!.uuidString.lowercased()
            #expect(created.headers.first(name: .location) == "/apps/\(id)")

            let page = try await browser.request(.GET, "/apps/\(id)")
            let body = page.body.string
            #expect(page.status == .ok)
            #expect(body.contains("page-shop was created"), "the flash says so")
            #expect(body.contains(#"<h1 class="app-title">page-shop"#))
            #expect(body.contains(#"<a id="app-domain" href="http://page-shop.paas.127.0.0.1.sslip.io""#))
            #expect(body.contains(#"<span class="badge badge-neutral">new</span>"#))
            #expect(body.contains(#"<input id="scale-web" name="quantity" type="number" min="0" max="3""#))
            #expect(body.contains(#"action="/apps/\#(id)/deploy""#))
            #expect(body.contains(#"action="/apps/\#(id)/config-vars""#))
            #expect(body.contains(#"action="/apps/\#(id)/settings""#))
            #expect(body.contains(#"action="/apps/\#(id)/delete""#))
            #expect(body.contains("data-confirm=\"Delete page-shop"))
            #expect(!body.contains("docker-error"), "nothing deployed: Docker is not asked")
            #expect(body.contains("app.create"), "the activity shows the creation")

            let again = try await browser.request(.GET, "/apps")
            #expect(again.body.string.contains(#"href="/apps/\#(id)""#))
        }
    }

    @Test("Another organization's app is a 404 on every app page and form, and stays untouched")
    func otherOrganization() async throws {
        try await TestApp.withApp { app in
            let fixtures = try await AppFixtures.make(app)
            var alice = try await Self.client(app, fixtures, org: "Alice Org")
            let id = try await Self.createApp(&alice, fixtures, name: "alice-app")
            let aliceToken = try await Self.csrf(&alice, "/apps/\(id)")
            _ = try await alice.request(.POST, "/apps/\(id)/config-vars", form: ["_csrf": aliceToken, "key": "SECRET", "value": "alice-only"])

            var bob = try await Self.client(app, fixtures, org: "Bob Org")
            let token = try await Self.csrf(&bob, "/apps")
            for path in ["/apps/\(id)", "/apps/\(id)/logs", "/apps/not-a-uuid"] {
                let page = try await bob.request(.GET, path)
                #expect(page.status == .notFound, "\(path)")
                #expect(page.body.string.contains("404"))
                #expect(!page.body.string.contains("alice-only"))
            }
            let posts: [(String, [String: String])] = [
                ("/deploy", ["image": "paas-test/web:1"]), ("/scale", ["process": "web", "quantity": "0"]), ("/restart", [:]),
                ("/config-vars", ["key": "SECRET", "value": "stolen"]), ("/config-vars/SECRET/delete", [:]),
                ("/settings", ["health_check_path": "/stolen"]), ("/delete", [:]),
            ]
            for (suffix, fields) in posts {
                let response = try await bob.request(.POST, "/apps/\(id)\(suffix)", form: fields.merging(["_csrf": token]) { $1 })
                #expect(response.status == .notFound, "POST \(suffix) answered \(response.status)")
            }
            let stored = try #require(try await TenantApp.find(UUID(uuidString: id), on: app.db))
            #expect(stored.healthCheckPath == nil)
            #expect(Formation(json: stored.formation).quantity("web") == 1)
            let page = try await alice.request(.GET, "/apps/\(id)")
            #expect(page.body.string.contains("alice-only"))
            #expect(!page.body.string.contains("stolen"))
        }
    }

    @Test("Names, values and typed input are HTML-escaped on the app pages")
    func escaping() async throws {
        try await TestApp.withApp { app in
            let fixtures = try await AppFixtures.make(app)
            var browser = try await Self.client(app, fixtures, org: #"<img src=x onerror="alert(1)">"#)
            let hostile = #"<script>alert("x")</script>' onmouseover='x"#
            let escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;x"

            let token = try await Self.csrf(&browser, "/apps/new")
            let badName = try await browser.request(.POST, "/apps", form: ["_csrf": token, "name": hostile, "plan_id": fixtures.planID, "location_id": fixtures.locationID])
            #expect(badName.status == .unprocessableEntity)
            #expect(!badName.body.string.contains("<script>alert"))
            #expect(badName.body.string.contains(#"value="\#(escaped)""#))

            let id = try await Self.createApp(&browser, fixtures, name: "escape-me")
            let set = try await browser.request(.POST, "/apps/\(id)/config-vars", form: ["_csrf": token, "key": "HTML_VALUE", "value": hostile])
            #expect(set.status == .seeOther)
            let page = try await browser.request(.GET, "/apps/\(id)")
            let body = page.body.string
            #expect(page.status == .ok)
            #expect(!body.contains("<script>alert"))
            #expect(!body.contains("<img src=x"))
            #expect(body.contains(#"<code class="secret-text" hidden>\#(escaped)</code>"#), "the value is masked until revealed, and escaped")
            #expect(body.contains("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"), "the organization name in the header")

            let badImage = try await browser.request(.POST, "/apps/\(id)/deploy", form: ["_csrf": token, "image": hostile])
            #expect(badImage.status == .unprocessableEntity)
            #expect(!badImage.body.string.contains("<script>alert"))
            #expect(badImage.body.string.contains(#"id="field-image-error""#))
            #expect(badImage.body.string.contains(#"value="\#(escaped)""#))

            let badKey = try await browser.request(.POST, "/apps/\(id)/config-vars", form: ["_csrf": token, "key": "<b>KEY", "value": "v"])
            #expect(badKey.status == .unprocessableEntity)
            #expect(badKey.body.string.contains(#"value="&lt;b&gt;KEY""#))
            #expect(!badKey.body.string.contains("<b>KEY"))
        }
    }

    @Test("Every app form needs the CSRF token, and a refused post changes nothing")
    func csrf() async throws {
        try await TestApp.withApp { app in
            let fixtures = try await AppFixtures.make(app)
            var browser = try await Self.client(app, fixtures)
            let id = try await Self.createApp(&browser, fixtures, name: "csrf-app")
            let token = try await Self.csrf(&browser, "/apps/\(id)")
            _ = try await browser.request(.POST, "/apps/\(id)/config-vars", form: ["_csrf": token, "key": "KEEP", "value": "me"])

            let posts: [(String, [String: String])] = [
                ("/apps", ["name": "forged-app", "plan_id": fixtures.planID, "location_id": fixtures.locationID]),
                ("/apps/\(id)/deploy", ["image": "paas-test/web:1"]),
                ("/apps/\(id)/scale", ["process": "web", "quantity": "0"]),
                ("/apps/\(id)/restart", [:]),
                ("/apps/\(id)/config-vars", ["key": "FORGED", "value": "x"]),
                ("/apps/\(id)/config-vars/KEEP/delete", [:]),
                ("/apps/\(id)/settings", ["health_check_path": "/forged"]),
                ("/apps/\(id)/delete", [:]),
            ]
            for (path, fields) in posts {
                let missing = try await browser.request(.POST, path, form: fields)
                #expect(missing.status == .forbidden, "\(path) without a token: \(missing.status)")
                let wrong = try await browser.request(.POST, path, form: fields.merging(["_csrf": "forged"]) { $1 })
                #expect(wrong.status == .forbidden, "\(path) with a wrong token: \(wrong.status)")
            }
            #expect(try await TenantApp.query(on: app.db).count() == 1)
            let stored = try #require(try await TenantApp.find(UUID(uuidString: id), on: app.db))
            #expect(stored.healthCheckPath == nil)
            #expect(Formation(json: stored.formation).quantity("web") == 1)
            #expect(try await Release.query(on: app.db).count() == 0)
            let page = try await browser.request(.GET, "/apps/\(id)")
            #expect(page.body.string.contains("<code>KEEP</code>"))
            #expect(!page.body.string.contains("FORGED"))
        }
    }

    @Test("Scale, config vars and settings work before the first deploy; refusals land on their field")
    func controlsBeforeDeploy() async throws {
        try await TestApp.withApp { app in
            let fixtures = try await AppFixtures.make(app)
            var browser = try await Self.client(app, fixtures)
            let id = try await Self.createApp(&browser, fixtures, name: "knobs")
            let token = try await Self.csrf(&browser, "/apps/\(id)")
            func stored() async throws -> TenantApp { try #require(try await TenantApp.find(UUID(uuidString: id), on: app.db)) }

            let scaled = try await browser.request(.POST, "/apps/\(id)/scale", form: ["_csrf": token, "process": "web", "quantity": "2"])
            #expect(scaled.status == .seeOther)
            #expect(Formation(json: try await stored().formation).quantity("web") == 2)
            let afterScale = try await browser.request(.GET, "/apps/\(id)")
            #expect(afterScale.body.string.contains("web is set to 2 containers"))
            #expect(afterScale.body.string.contains(#"<input id="scale-web" name="quantity" type="number" min="0" max="3" step="1" value="2""#))

            let tooMany = try await browser.request(.POST, "/apps/\(id)/scale", form: ["_csrf": token, "process": "web", "quantity": "9"])
            #expect(tooMany.status == .unprocessableEntity)
            #expect(tooMany.body.string.contains(#"<p class="field-error scale-error" id="scale-web-error">The Tiny"#))
            #expect(tooMany.body.string.contains("allows 0 to 3 containers"))
            #expect(tooMany.body.string.contains(#"value="9""#), "the typed quantity stays")
            let notNumber = try await browser.request(.POST, "/apps/\(id)/scale", form: ["_csrf": token, "process": "web", "quantity": "lots"])
            #expect(notNumber.status == .unprocessableEntity)
            #expect(notNumber.body.string.contains(#"id="scale-web-error""#))
            let unknown = try await browser.request(.POST, "/apps/\(id)/scale", form: ["_csrf": token, "process": "worker", "quantity": "1"])
            #expect(unknown.status == .unprocessableEntity)
            #expect(unknown.body.string.contains("has no &quot;worker&quot; process"))
            #expect(Formation(json: try await stored().formation).quantity("web") == 2)

            let set = try await browser.request(.POST, "/apps/\(id)/config-vars", form: ["_csrf": token, "key": "GREETING", "value": "hello world"])
            #expect(set.status == .seeOther)
            let withVar = try await browser.request(.GET, "/apps/\(id)")
            #expect(withVar.body.string.contains("<code>GREETING</code>"))
            #expect(withVar.body.string.contains(#"<code class="secret-text" hidden>hello world</code>"#))
            #expect(withVar.body.string.contains(#"action="/apps/\#(id)/config-vars/GREETING/delete""#))
            let reserved = try await browser.request(.POST, "/apps/\(id)/config-vars", form: ["_csrf": token, "key": "PORT", "value": "1"])
            #expect(reserved.status == .unprocessableEntity)
            #expect(reserved.body.string.contains(#"id="field-key-error">PORT is set by the platform"#))
            #expect(reserved.body.string.contains(#"value="PORT""#))
            let removed = try await browser.request(.POST, "/apps/\(id)/config-vars/GREETING/delete", form: ["_csrf": token])
            #expect(removed.status == .seeOther)
            #expect(try await ConfigVar.query(on: app.db).count() == 0)

            let badPath = try await browser.request(.POST, "/apps/\(id)/settings", form: ["_csrf": token, "plan_id": fixtures.planID, "health_check_path": "health"])
            #expect(badPath.status == .unprocessableEntity)
            #expect(badPath.body.string.contains(#"id="field-health_check_path-error""#))
            #expect(badPath.body.string.contains(#"value="health""#))
            let saved = try await browser.request(.POST, "/apps/\(id)/settings", form: ["_csrf": token, "plan_id": fixtures.planID, "health_check_path": "/health"])
            #expect(saved.status == .seeOther)
            #expect(try await stored().healthCheckPath == "/health")
            let badPlan = try await browser.request(.POST, "/apps/\(id)/settings", form: ["_csrf": token, "plan_id": UUID().uuidString, "health_check_path": "/health"])
            #expect(badPlan.status == .unprocessableEntity)
            #expect(badPlan.body.string.contains(#"id="field-plan_id-error""#))

            let logs = try await browser.request(.GET, "/apps/\(id)/logs")
            #expect(logs.status == .ok)
            #expect(logs.body.string.contains(#"data-log-stream="/api/paas/apps/\#(id)/logs?lines=200""#))
            #expect(logs.body.string.contains("data-log-output"))
            #expect(!logs.body.string.contains("<script>"), "no inline script: the CSP forbids it")
        }
    }

    @Test("With Docker unreachable the app page still renders with a warning, and changes fail with 503 and nothing written")
    func dockerUnreachable() async throws {
        try await TestApp.withApp { app in
            let fixtures = try await AppFixtures.make(app)
            var browser = try await Self.client(app, fixtures)
            let id = try await Self.createApp(&browser, fixtures, name: "offline")
            try await app.useUnreachableDocker()
            let token = try await Self.csrf(&browser, "/apps/\(id)")

            let deploy = try await browser.request(.POST, "/apps/\(id)/deploy", form: ["_csrf": token, "image": "paas-test/web:1"])
            #expect(deploy.status == .serviceUnavailable)
            #expect(deploy.body.string.contains(#"<div id="page-error" class="flash flash-error" role="alert">The container engine is not reachable"#))
            #expect(deploy.body.string.contains(#"value="paas-test/web:1""#), "the typed image stays")
            #expect(try await Release.query(on: app.db).count() == 0)
            #expect(try await Deployment.query(on: app.db).count() == 0)

            let delete = try await browser.request(.POST, "/apps/\(id)/delete", form: ["_csrf": token])
            #expect(delete.status == .serviceUnavailable)
            #expect(delete.body.string.contains("not reachable"))
            #expect(try await TenantApp.query(on: app.db).count() == 1)

            // Once deployed, the page asks Swarm; an outage is a warning, not a failed page.
            let stored = try #require(try await TenantApp.find(UUID(uuidString: id), on: app.db))
            let release = Release()
            release.organizationID = stored.organizationID
            release.$app.id = stored.id!
            release.version = 1
            release.image = "paas-test/web:1"
            release.configSnapshotSealed = try app.secretBox.seal("{}")
            release.formation = stored.formation
            release.description = "Deploy paas-test/web:1"
            release.status = "succeeded"
            try await release.create(on: app.db)
            stored.currentReleaseID = release.id
            stored.status = "running"
            try await stored.save(on: app.db)

            let page = try await browser.request(.GET, "/apps/\(id)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains(#"<div id="docker-error" class="notice notice-warning" role="alert">"#))
            #expect(page.body.string.contains("The container engine is not reachable"))
            #expect(page.body.string.contains("<strong>v1 <span class=\"badge badge-info\">current</span></strong>"))
            #expect(page.body.string.contains("1 wanted"), "no running count is made up while Swarm cannot be asked")

            let config = try await browser.request(.POST, "/apps/\(id)/config-vars", form: ["_csrf": token, "key": "NEW", "value": "x"])
            #expect(config.status == .serviceUnavailable)
            #expect(try await ConfigVar.query(on: app.db).count() == 0)
            let scale = try await browser.request(.POST, "/apps/\(id)/scale", form: ["_csrf": token, "process": "web", "quantity": "0"])
            #expect(scale.status == .serviceUnavailable)
            #expect(Formation(json: try #require(try await TenantApp.find(UUID(uuidString: id), on: app.db)).formation).quantity("web") == 1)
            let restart = try await browser.request(.POST, "/apps/\(id)/restart", form: ["_csrf": token])
            #expect(restart.status == .serviceUnavailable)
            #expect(restart.body.string.contains("flash flash-error"))
        }
    }
}
