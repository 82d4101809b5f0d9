import Fluent
import Foundation
import Testing
import VaporTesting
@testable import App

/// What a location can place bounds what its apps start, before Docker is asked.
@Suite("Location capacity")
struct NodeCapacityTests {
    @Test("The first deploy into a location without a ready node is refused, naming the location; a ready node lets it through to Docker")
    func firstDeployNeedsRoom() async throws {
        try await TestApp.withApp { app in
            let fixtures = try await AppFixtures.make(app, locationSlug: "empty-loc", readyNode: false)
            let client = try await app.signup()
            let id = try #require(try await fixtures.createApp(app, token: client)["id"] as? String)
            let refused = try await app.send(.POST, "/api/paas/apps/\(id)/deploy", token: client, json: #"{"image": "paas-test/web:1"}"#)
            #expect(refused.status == .unprocessableEntity && refused.errorCode == "no_capacity", "\(refused.body.string)")
            #expect(refused.errorMessage?.contains("empty-loc has no ready nodes") == true, "\(refused.errorMessage ?? "")")
            #expect(try await Release.query(on: app.db).count() == 0)

            // A node that only registered (not ready) does not count either.
            let location = try #require(UUID(uuidString: fixtures.locationID))
            let node = WorkerNode()
            node.name = "joining"; node.$location.id = location; node.ipv4 = "203.0.113.90"; node.sshPort = 22; node.roles = "worker"
            node.status = NodeStatus.installing; node.cpuCapacityMillis = 2000; node.memoryCapacityMB = 2048
            node.cpuAllocatedMillis = 0; node.memoryAllocatedMB = 0; node.taskCount = 0
            try await node.create(on: app.db)
            #expect(try await app.send(.POST, "/api/paas/apps/\(id)/deploy", token: client, json: #"{"image": "paas-test/web:1"}"#).errorCode == "no_capacity")

            node.status = NodeStatus.ready
            try await node.save(on: app.db)
            try await app.useUnreachableDocker()
            let past = try await app.send(.POST, "/api/paas/apps/\(id)/deploy", token: client, json: #"{"image": "paas-test/web:1"}"#)
            #expect(past.status == .serviceUnavailable, "capacity passed, so the deploy reached Docker: \(past.body.string)")
        }
    }
}
