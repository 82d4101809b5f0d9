import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App
import PaaSTestSupport

/// Nodes added through the admin API, the way the add-node page does it.
enum NodeFixtures {
    static func location(_ app: Application, admin: String, slug: String = "loc-\(UUID().uuidString.prefix(6).lowercased())") async throws -> String {
        let response = try await app.send(.POST, "/api/admin/paas/locations", token: admin, json: #"{"name": "\#(slug)", "slug": "\#(slug)", "country": "DE"}"#)
        return try #require(try response.json()["id"] as? String, "location: \(response.body.string)")
    }

    /// Adds a node and returns the one-time answer (node, install_url, registration_token, install_script).
    static func add(_ app: Application, admin: String, locationID: String, ipv4: String = "203.0.113.\(Int.random(in: 2...250))",
                    roles: [String] = ["worker"], extra: String = "") async throws -> [String: Any] {
        let response = try await app.send(.POST, "/api/admin/paas/nodes", token: admin, json: """
            {"name": "node-\(UUID().uuidString.prefix(6).lowercased())", "ipv4": "\(ipv4)", "location_id": "\(locationID)", "roles": [\(roles.map { "\"\($0)\"" }.joined(separator: ", "))]\(extra)}
            """)
        #expect(response.status == .created, "add node: \(response.body.string)")
        return try response.json()
    }

    /// A node record written directly, for states the API cannot reach quickly (joined, then gone).
    static func record(_ app: Application, name: String, locationID: UUID, ipv4: String, status: String,
                       swarmNodeID: String? = nil, taskCount: Int = 0, capacity: Bool = true) async throws -> WorkerNode {
        let node = WorkerNode()
        node.name = name
        node.$location.id = locationID
        node.ipv4 = ipv4
        node.sshPort = 22
        node.roles = "worker"
        node.status = status
        node.swarmNodeID = swarmNodeID
        node.cpuCapacityMillis = capacity ? 1000 : 0
        node.memoryCapacityMB = capacity ? 1024 : 0
        node.cpuAllocatedMillis = 0
        node.memoryAllocatedMB = 0
        node.taskCount = taskCount
        try await node.create(on: app.db)
        return node
    }

    static func nodeID(_ ticket: [String: Any]) throws -> String {
        try #require((ticket["node"] as? [String: Any])?["id"] as? String)
    }

    /// The path part of the one-time install URL.
    static func installPath(_ ticket: [String: Any]) throws -> String {
        let url = try #require(ticket["install_url"] as? String)
        return try #require(URL(string: url)?.path)
    }

    /// A node's certificate request, made by openssl as the install script does.
    static func csr() throws -> String {
        let dir = NSTemporaryDirectory() + "paas-csr-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let made = try ToolRun.run("/usr/bin/openssl", ["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                                                   "-subj", "/CN=sim", "-keyout", dir + "/key.pem", "-out", dir + "/csr.pem"])
        guard made.status == 0 else { throw TestSetupError("openssl: \(made.output)") }
        return try String(contentsOfFile: dir + "/csr.pem", encoding: .utf8)
    }
}
