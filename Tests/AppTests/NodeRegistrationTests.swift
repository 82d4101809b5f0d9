import Fluent
import Foundation
import Testing
import VaporTesting
@testable import App
import PaaSTestSupport

/// The install script's calls against the real Swarm manager: registration issues a certificate
/// from the platform CA (checked with openssl) and the worker join token, once.
@Suite("Node registration", .serialized, .enabled { await DockerAvailability.shouldRun() })
struct NodeRegistrationTests {
    static func openssl(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try ToolRun.run("/usr/bin/openssl", arguments)
    }

    static func fields(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            result[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return result
    }

    @Test("Register once: a CA-signed certificate for the node's address and the worker join token; reuse is 409")
    func registerOnce() async throws {
        try await TestApp.withApp { app in
            let docker = try await DockerAvailability.use(in: app)
            let admin = try await app.makeAdminToken()
            let location = try await NodeFixtures.location(app, admin: admin)
            let ticket = try await NodeFixtures.add(app, admin: admin, locationID: location, ipv4: "203.0.113.44")
            let token = try #require(ticket["registration_token"] as? String)

            let dir = NSTemporaryDirectory() + "paas-reg-\(UUID().uuidString.prefix(8))"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let csr = try NodeFixtures.csr()
            let body = try String(decoding: JSONEncoder().encode(["token": token, "csr": csr]), as: UTF8.self)

            let first = try await app.send(.POST, "/api/paas/nodes/register", json: body)
            #expect(first.status == .ok, "\(first.body.string)")
            let answer = Self.fields(first.body.string)
            #expect(answer["join_token"] == (try await docker.swarm.joinTokens().worker))
            #expect(answer["manager"]?.hasSuffix(":2377") == true)
            #expect(answer["members"]?.contains("203.0.113.44") == true)
            let ca = try #require(answer["ca_pem"].flatMap { Data(base64Encoded: $0) })
            let cert = try #require(answer["cert_pem"].flatMap { Data(base64Encoded: $0) })
            try ca.write(to: URL(fileURLWithPath: dir + "/ca.pem"))
            try cert.write(to: URL(fileURLWithPath: dir + "/cert.pem"))
            let verified = try Self.openssl(["verify", "-CAfile", dir + "/ca.pem", dir + "/cert.pem"])
            #expect(verified.status == 0, "\(verified.output)")
            let san = try Self.openssl(["x509", "-in", dir + "/cert.pem", "-noout", "-ext", "subjectAltName,extendedKeyUsage"])
            #expect(san.output.contains("IP Address:203.0.113.44"), "\(san.output)")
            #expect(san.output.contains("TLS Web Server Authentication"), "\(san.output)")
            #expect(!san.output.contains("TLS Web Client Authentication"), "a node's certificate must not open other nodes' APIs")
            let purpose = try Self.openssl(["verify", "-CAfile", dir + "/ca.pem", "-purpose", "sslclient", dir + "/cert.pem"])
            #expect(purpose.status != 0, "openssl must refuse the node certificate as a TLS client: \(purpose.output)")

            let reuse = try await app.send(.POST, "/api/paas/nodes/register", json: body)
            #expect(reuse.status == .conflict && reuse.errorCode == "registration_token_used")
            // The install link died with the registration.
            #expect(try await app.send(.GET, try NodeFixtures.installPath(ticket)).status == .conflict)

            let node = try #require(try await WorkerNode.query(on: app.db).first())
            #expect(node.status == NodeStatus.installing && node.registrationTokenSealed == nil)
            // The CA key is sealed at rest; its certificate is public.
            let sealed = try #require(try await PlatformSetting.get(PlatformCA.sealedKeyKey, on: app.db))
            #expect(sealed.hasPrefix("v1:") && !sealed.contains("PRIVATE KEY"))

            // A Swarm node that does not exist is refused, and the record stays as it was.
            let report = try await app.send(.POST, "/api/paas/nodes/report", json: #"{"token": "\#(token)", "swarm_node_id": "nosuchnode0000000000000000"}"#)
            #expect(report.status.code >= 400 && report.errorMessage?.isEmpty == false, "\(report.body.string)")
            #expect(try await WorkerNode.find(node.id, on: app.db)?.swarmNodeID == nil)
        }
    }

    @Test("A CSR that is not one is refused before the token is spent")
    func badCSR() async throws {
        try await TestApp.withApp { app in
            try await DockerAvailability.use(in: app)
            let admin = try await app.makeAdminToken()
            let location = try await NodeFixtures.location(app, admin: admin)
            let token = try #require(try await NodeFixtures.add(app, admin: admin, locationID: location)["registration_token"] as? String)
            let bad = try await app.send(.POST, "/api/paas/nodes/register", json: #"{"token": "\#(token)", "csr": "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----"}"#)
            #expect(bad.status == .unprocessableEntity && bad.errorField == "csr")
            #expect(try await WorkerNode.query(on: app.db).first()?.registrationUsedAt == nil)
        }
    }
}
