import DockerEngine
import Fluent
import Foundation
import PaaSCore
import Testing
import VaporTesting
@testable import App

extension AppsSwarmTests {
    @Test("A wallet charged below zero scales the app's services to 0; a credit brings them back")
    func suspendAndResumeOnSwarm() async throws {
        try await TestApp.withApp { app in
            let (docker, fixtures, client) = try await Self.setUp(app)
            let id = try #require(try await fixtures.createApp(app, token: client)["id"] as? String)
            let tenant = try #require(try await TenantApp.find(UUID(uuidString: id), on: app.db))
            let organization = tenant.organizationID.uuidString.lowercased()
            do {
                #expect(try await app.send(.POST, "/api/paas/apps/\(id)/deploy", token: client, json: #"{"image": "\#(Self.image)"}"#).status == .created)
                let running = try await Self.waitFor(app, id, client) { Self.runningTasks($0).count == 1 }
                #expect(Self.runningTasks(running).count == 1)
                // Leave 1,500 micro-units, then let the app have run for two hours at 1,000 an hour.
                let debit = try await app.send(.POST, "/api/admin/paas/wallets/\(organization)/debit", token: fixtures.admin,
                                               json: #"{"amount": 99998500, "reason": "Leave a little"}"#)
                #expect(try debit.json()["balance"] as? Int == 1_500)
                let segment = try #require(try await UsageSegment.query(on: app.db).filter(\.$resourceID == tenant.requireID()).filter(\.$endedAt == nil).first())
                segment.startedAt = Date(epoch: BillingClock.hourStart(Date().epochSeconds) - 2 * 3600)
                try await segment.save(on: app.db)

                let result = try await BillingJob(application: app).run(until: Date())
                #expect(result.report.amount == 2_000)
                #expect(result.changes[organization]?.suspended == [tenant.name])
                let service = tenant.serviceName("web")
                #expect(try await docker.services.inspect(service).spec.mode?.replicated?.replicas == 0)
                let stopped = try await Self.waitFor(app, id, client) { Self.runningTasks($0).isEmpty }
                #expect(Self.runningTasks(stopped).isEmpty)
                #expect(stopped["status"] as? String == "suspended")
                #expect(Formation(json: try await TenantApp.find(tenant.id, on: app.db)!.formation).quantity("web") == 1, "the formation is kept")
                #expect(try await UsageSegment.query(on: app.db).filter(\.$resourceID == tenant.requireID()).filter(\.$endedAt == nil).count() == 0)
                let refused = try await app.send(.POST, "/api/paas/apps/\(id)/deploy", token: client, json: #"{"image": "\#(Self.image)"}"#)
                #expect(refused.status == .paymentRequired)

                let credit = try await app.send(.POST, "/api/admin/paas/wallets/\(organization)/credit", token: fixtures.admin,
                                                json: #"{"amount": 10000000, "reason": "Top-up"}"#)
                #expect((try credit.json()["resumed"] as? [String]) == [tenant.name])
                #expect(try await docker.services.inspect(service).spec.mode?.replicated?.replicas == 1)
                let back = try await Self.waitFor(app, id, client) { Self.runningTasks($0).count == 1 }
                #expect(Self.runningTasks(back).count == 1)
                #expect(try await UsageSegment.query(on: app.db).filter(\.$resourceID == tenant.requireID()).filter(\.$endedAt == nil).count() == 1)
                #expect(try await app.db.walletsOutOfBalance() == 0)
            } catch {
                Issue.record(error)
            }
            #expect(try await app.send(.DELETE, "/api/paas/apps/\(id)", token: client).status == .noContent)
        }
    }
}
