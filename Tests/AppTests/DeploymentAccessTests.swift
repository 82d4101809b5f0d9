import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App

/// The deployment endpoints and pages without Docker: organization scoping on every one of them,
/// cancelling, the stored log, refused rollbacks, and failing builds left over by a restart.
@Suite("Deployment access")
struct DeploymentAccessTests {
    /// An app of a fresh organization with one deployment row in `status`, written as the pipeline would.
    static func appWithDeployment(_ app: Application, _ fixtures: AppFixtures, status: String, releaseStatus: String? = nil) async throws -> (token: String, appID: String, deployment: Deployment) {
        let token = try await app.signup()
        let appID = try #require(try await fixtures.createApp(app, token: token)["id"] as? String)
        let tenant = try #require(try await TenantApp.find(UUID(uuidString: appID), on: app.db))
        let deployment = Deployment()
        deployment.organizationID = tenant.organizationID
        deployment.$app.id = try tenant.requireID()
        deployment.status = status
        deployment.trigger = "push"
        deployment.gitSHA = String(repeating: "ab", count: 20)
        deployment.log = "-----> Building\n       secret-build-output"
        try await deployment.create(on: app.db)
        if let releaseStatus {
            let release = Release()
            release.organizationID = tenant.organizationID
            release.$app.id = try tenant.requireID()
            release.version = 1
            release.image = "paas-test/web:1"
            release.configSnapshotSealed = try app.secretBox.seal("{}")
            release.formation = tenant.formation
            release.description = "test"
            release.status = releaseStatus
            release.deploymentID = deployment.id
            try await release.create(on: app.db)
            deployment.releaseID = release.id
            try await deployment.save(on: app.db)
        }
        return (token, appID, deployment)
    }

    @Test("Another organization gets 404 from every deployment endpoint and page, and nothing changes")
    func otherOrganization() async throws {
        try await TestApp.withApp { app in
            let fixtures = try await AppFixtures.make(app)
            let alice = try await Self.appWithDeployment(app, fixtures, status: "building", releaseStatus: "succeeded")
            let bobToken = try await app.signup()
            let bobApp = try #require(try await fixtures.createApp(app, token: bobToken)["id"] as? String)
            let dep = try alice.deployment.requireID().uuidString.lowercased()
            for appID in [alice.appID, bobApp] {
                let log = try await app.send(.GET, "/api/paas/apps/\(appID)/deployments/\(dep)/log", token: bobToken)
                #expect(log.status == .notFound)
                #expect(!log.body.string.contains("secret-build-output"))
                #expect(try await app.send(.POST, "/api/paas/apps/\(appID)/deployments/\(dep)/cancel", token: bobToken).status == .notFound)
                #expect(try await app.send(.POST, "/api/paas/apps/\(appID)/rollback/\(dep)", token: bobToken).status == .notFound)
            }
            var bob = BrowserSessionDriver(app: app)
            _ = try await bob.signup(email: "bob-\(UUID().uuidString.prefix(6))@example.com", organization: "Bob pages")
            let page = try await bob.request(.GET, "/apps/\(alice.appID)/deployments/\(dep)")
            #expect(page.status == .notFound)
            #expect(!page.body.string.contains("secret-build-output"))
            let csrf = try #require(BrowserSessionDriver.csrf(in: try await bob.request(.GET, "/apps").body.string))
            for suffix in ["rollback/\(dep)", "deployments/\(dep)/cancel"] {
                #expect(try await bob.request(.POST, "/apps/\(alice.appID)/\(suffix)", form: ["_csrf": csrf]).status == .notFound, "\(suffix)")
            }
            let stored = try #require(try await Deployment.find(alice.deployment.id, on: app.db))
            #expect(stored.status == "building")
            #expect(try await Release.query(on: app.db).count() == 1)
        }
    }

    @Test("The owner reads the stored log, cancels a left-over build once, and cannot roll back to a failed release")
    func owner() async throws {
        try await TestApp.withApp { app in
            let fixtures = try await AppFixtures.make(app)
            let alice = try await Self.appWithDeployment(app, fixtures, status: "building", releaseStatus: "failed")
            let dep = try alice.deployment.requireID().uuidString.lowercased()
            let log = try await app.send(.GET, "/api/paas/apps/\(alice.appID)/deployments/\(dep)/log", token: alice.token)
            #expect(log.status == .ok)
            #expect(log.headers.first(name: .contentType)?.hasPrefix("text/event-stream") == true)
            #expect(log.body.string.contains("data:        secret-build-output\n\n"))
            #expect(log.body.string.hasSuffix("event: end\ndata: building\n\n"))
            let cancelled = try await app.send(.POST, "/api/paas/apps/\(alice.appID)/deployments/\(dep)/cancel", token: alice.token)
            #expect(cancelled.status == .ok)
            #expect(try cancelled.json()["status"] as? String == "cancelled")
            let again = try await app.send(.POST, "/api/paas/apps/\(alice.appID)/deployments/\(dep)/cancel", token: alice.token)
            #expect(again.status == .conflict)
            #expect(again.errorMessage?.contains("only a queued or running build can be cancelled") == true)
            let rollback = try await app.send(.POST, "/api/paas/apps/\(alice.appID)/rollback/\(dep)", token: alice.token)
            #expect(rollback.status == .conflict)
            #expect(rollback.errorMessage?.contains("never went live") == true)
        }
    }

    @Test("On start, deployments a restart interrupted are failed with the reason, or queued again when no one waits on them")
    func staleBuilds() async throws {
        try await TestApp.withApp { app in
            let fixtures = try await AppFixtures.make(app)
            let building = try await Self.appWithDeployment(app, fixtures, status: "building")
            let releasing = try await Self.appWithDeployment(app, fixtures, status: "releasing", releaseStatus: "releasing")
            let done = try await Self.appWithDeployment(app, fixtures, status: "succeeded", releaseStatus: "succeeded")
            // A webhook's build: resumable, but its member (none here) is gone, so it fails saying so.
            let webhook = try await Self.appWithDeployment(app, fixtures, status: "queued")
            webhook.deployment.trigger = "webhook"
            try await webhook.deployment.save(on: app.db)
            let rolling = try await Self.appWithDeployment(app, fixtures, status: "releasing")
            rolling.deployment.trigger = "manual"
            try await rolling.deployment.save(on: app.db)

            let settled = try await StaleBuilds.settle(on: app.db)
            #expect(settled.failed == 3)
            #expect(settled.resumable.map(\.id) == [webhook.deployment.id])
            for id in [building.deployment.id, releasing.deployment.id, rolling.deployment.id] {
                let row = try #require(try await Deployment.find(id, on: app.db))
                #expect(row.status == "failed")
                #expect(row.error == StaleBuilds.message)
                #expect(row.finishedAt != nil)
                #expect(row.log?.hasSuffix(StaleBuilds.message) == true)
            }
            #expect(try await Deployment.find(done.deployment.id, on: app.db)?.status == "succeeded")
            #expect(try await Release.query(on: app.db).filter(\.$status == "releasing").count() == 0)

            #expect(await BuildResumption.resume(settled.resumable, in: app) == 0)
            let orphan = try #require(try await Deployment.find(webhook.deployment.id, on: app.db))
            #expect(orphan.status == "failed")
            #expect(orphan.error?.contains("could not be started again") == true && orphan.error?.contains("no longer in the organization") == true,
                    "\(orphan.error ?? "")")
            let again = try await StaleBuilds.settle(on: app.db)
            #expect(again.failed == 0 && again.resumable.isEmpty)
        }
    }
}
