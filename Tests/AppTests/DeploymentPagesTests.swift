import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App

/// The app page's git and deployment parts, and the buildpacks setting, as a browser posts them.
@Suite("Deployment pages")
struct DeploymentPagesTests {
    @Test("The app page shows the git remote and setup; the buildpacks setting is validated and saved")
    func appPage() async throws {
        try await TestApp.withApp { app in
            let fixtures = try await AppFixtures.make(app)
            var browser = BrowserSessionDriver(app: app)
            _ = try await browser.signup(email: "git-\(UUID().uuidString.prefix(6))@example.com", organization: "Git pages")
            let created = try await browser.request(.GET, "/apps/new")
            let token = try #require(BrowserSessionDriver.csrf(in: created.body.string))
            let post = try await browser.request(.POST, "/apps", form: ["_csrf": token, "name": "git-page-app", "plan_id": fixtures.planID, "location_id": fixtures.locationID])
            let path = try #require(post.headers.first(name: .location))
            let page = try await browser.request(.GET, path)
            #expect(page.body.string.contains(#"<code id="git-remote">\#(app.config.publicURL)/git/git-page-app.git</code>"#))
            #expect(page.body.string.contains("git remote add paas \(app.config.publicURL)/git/git-page-app.git\ngit push paas main"))

            let refused = try await browser.request(.POST, "\(path)/settings", form: ["_csrf": token, "buildpacks": "ext::sh -c evil"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("must be an https:// git URL"))
            let saved = try await browser.request(.POST, "\(path)/settings", form: ["_csrf": token, "buildpacks": "https://example.test/bp.git#v2\r\nshell\r\n"])
            #expect(saved.status == .seeOther)
            let stored = try #require(try await TenantApp.query(on: app.db).filter(\.$name == "git-page-app").first())
            #expect(stored.buildpacks == "https://example.test/bp.git#v2\nshell")
            #expect(try await browser.request(.GET, path).body.string.contains("https://example.test/bp.git#v2\nshell</textarea>"))
        }
    }
}
