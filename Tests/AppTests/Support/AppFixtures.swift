import DockerEngine
import Fluent
import Foundation
import Testing
import Vapor
@testable import App

/// A plan, a location and a signed-up client, made through the admin API like a real platform.
struct AppFixtures {
    let admin: String
    let planID: String
    let locationID: String

    static func make(_ app: Application, locationSlug: String = "fixture", readyNode: Bool = true, memoryMB: Int = 64) async throws -> AppFixtures {
        let admin = try await app.makeAdminToken()
        let plan = try await app.send(.POST, "/api/admin/paas/plans", token: admin, json: """
            {"name": "Tiny \(UUID().uuidString.prefix(4))", "cpu": 0.25, "memory_mb": \(memoryMB), "max_containers": 3, "price_per_hour": 1000}
            """).json()
        var locationID = try await Location.query(on: app.db).filter(\.$slug == locationSlug).first()?.id?.uuidString.lowercased()
        if locationID == nil {
            locationID = try await app.send(.POST, "/api/admin/paas/locations", token: admin, json: #"{"name": "\#(locationSlug)", "slug": "\#(locationSlug)", "country": "DE"}"#)
                .json()["id"] as? String
        }
        let location = try #require(locationID)
        if readyNode, try await WorkerNode.query(on: app.db).filter(\.$location.$id == UUID(uuidString: location)!).count() == 0 {
            // A node record for capacity checks; tests that run containers bootstrap the real one instead.
            let node = WorkerNode()
            node.name = "fixture-node"; node.$location.id = UUID(uuidString: location)!; node.ipv4 = "127.0.0.1"; node.sshPort = 22
            node.roles = "worker,ingress"; node.status = "ready"; node.cpuCapacityMillis = 2000; node.memoryCapacityMB = 1024
            node.cpuAllocatedMillis = 0; node.memoryAllocatedMB = 0; node.taskCount = 0
            try await node.create(on: app.db)
        }
        return AppFixtures(admin: admin, planID: try #require(plan["id"] as? String), locationID: location)
    }

    func createApp(_ app: Application, token: String, name: String = "app-\(UUID().uuidString.prefix(8).lowercased())") async throws -> [String: Any] {
        let response = try await app.send(.POST, "/api/paas/apps", token: token, json: #"{"name": "\#(name)", "plan_id": "\#(planID)", "location_id": "\#(locationID)"}"#)
        #expect(response.status == .created, "create failed: \(response.body.string)")
        let created = try response.json()
        if let id = (created["id"] as? String).flatMap(UUID.init(uuidString:)), let tenant = try await TenantApp.find(id, on: app.db) {
            try await fund(app, organizationID: tenant.organizationID)
        }
        return created
    }

    /// Credits an organization through the admin API once, so deploys and scaling are paid for.
    func fund(_ app: Application, organizationID: UUID, amount: Int64 = 100_000_000) async throws {
        let response = try await app.send(.POST, "/api/admin/paas/wallets/\(organizationID.uuidString.lowercased())/credit", token: admin,
                                          json: #"{"amount": \#(amount), "reason": "test funds", "idempotency_key": "fixture-\#(organizationID.uuidString.lowercased())"}"#)
        #expect(response.status == .ok, "credit failed: \(response.body.string)")
    }
}

extension Application {
    /// Points the app at an engine that refuses connections, as when Docker is down.
    func useUnreachableDocker() async throws {
        let previous = docker
        docker = try DockerClient(host: DockerHost(parsing: "tcp://127.0.0.1:1"))
        try await previous.shutdown()
    }
}
