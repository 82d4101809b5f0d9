import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import PaaSTestSupport

/// The real DNS server domain checks ask in tests: pebble-challtestsrv, started by scripts/test
/// (scripts/lib/acme.sh), whose management API sets TXT and A records. Without it the tests are
/// skipped with a printed reason, unless PAAS_REQUIRE_COMPONENTS=1 makes that a failure.
struct TestDNS {
    /// `127.0.0.1:port`, for `AppConfig.dnsResolver`.
    let server: String
    let management: String

    static func available() -> TestDNS? {
        let env = ProcessInfo.processInfo.environment
        guard let server = env["PAAS_TEST_DNS"], let management = env["PAAS_TEST_DNS_MANAGEMENT"] else {
            if DockerProbe.required {
                Issue.record("PAAS_TEST_DNS and PAAS_TEST_DNS_MANAGEMENT are not set: scripts/test starts pebble-challtestsrv (scripts/lib/acme.sh)")
            } else {
                print("DNS verification tests skipped: no PAAS_TEST_DNS (scripts/test starts pebble-challtestsrv)")
            }
            return nil
        }
        return TestDNS(server: server, management: management)
    }

    func setTXT(_ name: String, _ value: String) async throws { try await post("set-txt", #"{"host": "\#(name).", "value": "\#(value)"}"#) }
    func clearTXT(_ name: String) async throws { try await post("clear-txt", #"{"host": "\#(name)."}"#) }
    func setA(_ name: String, _ addresses: [String]) async throws {
        try await post("add-a", #"{"host": "\#(name).", "addresses": [\#(addresses.map { "\"\($0)\"" }.joined(separator: ","))]}"#)
    }
    func clearA(_ name: String) async throws { try await post("clear-a", #"{"host": "\#(name)."}"#) }

    private func post(_ path: String, _ body: String) async throws {
        var request = HTTPClientRequest(url: "\(management)/\(path)")
        request.method = .POST
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        #expect(response.status == .ok, "challtestsrv /\(path) answered \(response.status)")
    }
}
