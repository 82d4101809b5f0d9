import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import App

/// The admin nodes API and the one-time install links, without Docker.
@Suite("Nodes API")
struct NodesAPITests {
    @Test("Only admins see or add nodes; unknown ids are 404")
    func adminOnly() async throws {
        try await TestApp.withApp { app in
            let admin = try await app.makeAdminToken()
            let client = try await app.signup()
            let location = try await NodeFixtures.location(app, admin: admin)
            let id = try NodeFixtures.nodeID(try await NodeFixtures.add(app, admin: admin, locationID: location))
            for (method, path) in [(HTTPMethod.GET, "/api/admin/paas/nodes"), (.GET, "/api/admin/paas/nodes/\(id)"),
                                   (.POST, "/api/admin/paas/nodes/\(id)/drain"), (.DELETE, "/api/admin/paas/nodes/\(id)"),
                                   (.POST, "/api/admin/paas/nodes/\(id)/tickets"), (.GET, "/api/admin/paas/nodes/\(id)/install/stream")] {
                #expect(try await app.send(method, path, token: client).status == .forbidden, "\(method) \(path)")
                #expect(try await app.send(method, path).status == .unauthorized, "\(method) \(path)")
            }
            let created = try await app.send(.POST, "/api/admin/paas/nodes", token: client, json: #"{"name": "x", "ipv4": "203.0.113.1", "location_id": "\#(location)"}"#)
            #expect(created.status == .forbidden)
            #expect(try await app.send(.GET, "/api/admin/paas/nodes/\(UUID())", token: admin).status == .notFound)
            let list = try await app.send(.GET, "/api/admin/paas/nodes", token: admin).jsonArray()
            #expect(list.count == 1 && list.first?["status"] as? String == "pending")
        }
    }

    @Test("Bad input names the field and writes nothing", arguments: [
        (#""name": "n", "ipv4": "10.0.0", "location_id": "LOC""#, "ipv4"),
        (#""name": "", "ipv4": "203.0.113.4", "location_id": "LOC""#, "name"),
        (#""name": "n", "ipv4": "203.0.113.4", "location_id": "LOC", "ssh_port": 70000"#, "ssh_port"),
        (#""name": "n", "ipv4": "203.0.113.4", "location_id": "LOC", "roles": ["db"]"#, "roles"),
        (#""name": "n", "ipv4": "203.0.113.4", "location_id": "LOC", "password": "a\nb""#, "password"),
        (#""name": "n", "ipv4": "203.0.113.4", "location_id": "00000000-0000-0000-0000-000000000000""#, "location_id"),
    ])
    func validation(body: String, field: String) async throws {
        try await TestApp.withApp { app in
            let admin = try await app.makeAdminToken()
            let location = try await NodeFixtures.location(app, admin: admin)
            let response = try await app.send(.POST, "/api/admin/paas/nodes", token: admin, json: "{" + body.replacingOccurrences(of: "LOC", with: location) + "}")
            #expect(response.status == .unprocessableEntity, "\(response.body.string)")
            #expect(response.errorField == field)
            #expect(try await WorkerNode.query(on: app.db).count() == 0)
        }
    }

    @Test("One address is one node")
    func duplicateAddress() async throws {
        try await TestApp.withApp { app in
            let admin = try await app.makeAdminToken()
            let location = try await NodeFixtures.location(app, admin: admin)
            _ = try await NodeFixtures.add(app, admin: admin, locationID: location, ipv4: "203.0.113.77")
            let again = try await app.send(.POST, "/api/admin/paas/nodes", token: admin, json: #"{"name": "b", "ipv4": "203.0.113.77", "location_id": "\#(location)"}"#)
            #expect(again.status == .conflict && again.errorField == "ipv4")
        }
    }

    @Test("The install link works once; tokens are stored only hashed or sealed")
    func installLinkOnce() async throws {
        try await TestApp.withApp { app in
            let admin = try await app.makeAdminToken()
            let location = try await NodeFixtures.location(app, admin: admin)
            let ticket = try await NodeFixtures.add(app, admin: admin, locationID: location)
            let token = try #require(ticket["registration_token"] as? String)
            #expect((ticket["install_command"] as? String)?.hasPrefix("curl -fsSL http") == true)
            #expect((ticket["install_script"] as? String)?.contains("PAAS_TOKEN='\(token)'") == true)
            let node = try #require(try await WorkerNode.query(on: app.db).first())
            #expect(node.registrationTokenHash == SecureToken.hash(token))
            #expect(node.registrationTokenSealed?.contains(token) == false)
            let path = try NodeFixtures.installPath(ticket)
            let script = try await app.send(.GET, path)
            #expect(script.status == .ok)
            #expect(script.headers.contentType?.description.contains("shellscript") == true)
            #expect(script.body.string.contains("PAAS_TOKEN='\(token)'"))
            let again = try await app.send(.GET, path)
            #expect(again.status == .conflict && again.errorCode == "registration_token_used")
            #expect(again.errorMessage?.contains("already used") == true)
            #expect(try await app.send(.GET, "/api/paas/nodes/install/inst_nope").status == .notFound)
        }
    }

    @Test("Expired links and tokens are refused with 410; new tickets replace old ones")
    func expiry() async throws {
        try await TestApp.withApp { app in
            let admin = try await app.makeAdminToken()
            let location = try await NodeFixtures.location(app, admin: admin)
            let ticket = try await NodeFixtures.add(app, admin: admin, locationID: location)
            let token = try #require(ticket["registration_token"] as? String)
            let node = try #require(try await WorkerNode.query(on: app.db).first())
            node.registrationExpiresAt = Date().addingTimeInterval(-1)
            try await node.save(on: app.db)
            let expired = try await app.send(.GET, try NodeFixtures.installPath(ticket))
            #expect(expired.status == .gone && expired.errorMessage?.contains("expired") == true)
            let register = try await app.send(.POST, "/api/paas/nodes/register", json: #"{"token": "\#(token)", "csr": "x"}"#)
            #expect(register.status == .gone && register.errorCode == "registration_token_expired")
            let unknown = try await app.send(.POST, "/api/paas/nodes/register", json: #"{"token": "reg_wrong", "csr": "x"}"#)
            #expect(unknown.status == .unauthorized)

            let fresh = try await app.send(.POST, "/api/admin/paas/nodes/\(node.id!.uuidString)/tickets", token: admin)
            #expect(fresh.status == .ok)
            let newToken = try #require(try fresh.json()["registration_token"] as? String)
            #expect(newToken != token)
            #expect(try await app.send(.GET, try NodeFixtures.installPath(try fresh.json())).status == .ok)
            let old = try await app.send(.POST, "/api/paas/nodes/register", json: #"{"token": "\#(token)", "csr": "x"}"#)
            #expect(old.status == .unauthorized)
        }
    }

    @Test("Drain needs a joined node; removing a node without tasks marks it removed")
    func lifecycleWithoutSwarm() async throws {
        try await TestApp.withApp { app in
            let admin = try await app.makeAdminToken()
            let location = try await NodeFixtures.location(app, admin: admin)
            let id = try NodeFixtures.nodeID(try await NodeFixtures.add(app, admin: admin, locationID: location))
            let drain = try await app.send(.POST, "/api/admin/paas/nodes/\(id)/drain", token: admin)
            #expect(drain.status == .conflict, "\(drain.body.string)")
            let removed = try await app.send(.DELETE, "/api/admin/paas/nodes/\(id)", token: admin)
            #expect(removed.status == .ok)
            #expect(try removed.json()["status"] as? String == "removed")
            #expect(try await app.send(.GET, "/api/admin/paas/nodes", token: admin).jsonArray().isEmpty)
            #expect(try await ActivityLog.query(on: app.db).filter(\.$action == "node.remove").count() == 1)
            // Only removed nodes left: the location can go, and their records with it.
            #expect(try await app.send(.DELETE, "/api/admin/paas/locations/\(location)", token: admin).status == .noContent)
            #expect(try await WorkerNode.query(on: app.db).count() == 0)
        }
    }
}
