import Foundation
import Testing
@testable import DockerEngine

/// Mutual TLS against a real TLS server: `openssl s_server` demanding a
/// client certificate from a throwaway CA, standing in for a node's
/// mTLS-protected engine port. Its `-www` status page answers any GET.
@Suite("TCP + mutual TLS transport", .serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
struct TLSTransportTests {
    static let script = """
        set -e
        key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:prime256v1 -out "$1" 2>/dev/null; }
        sign() { openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -out "$1.pem" -days 1 -extfile "$1.ext" 2>/dev/null; }
        key ca.key; key server.key; key client.key; key other.key
        openssl req -x509 -key ca.key -out ca.pem -days 1 -subj /CN=paas-test-ca
        openssl req -x509 -key other.key -out other.pem -days 1 -subj /CN=paas-test-other-ca
        openssl req -new -key server.key -out server.csr -subj /CN=127.0.0.1
        printf 'subjectAltName=IP:127.0.0.1\\nextendedKeyUsage=serverAuth\\n' > server.ext
        openssl req -new -key client.key -out client.csr -subj /CN=control-plane
        printf 'extendedKeyUsage=clientAuth\\n' > client.ext
        sign server; sign client
        """

    final class Server: @unchecked Sendable {
        let directory: URL
        let port: Int
        let process: Process

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("paas-tls-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let generate = Process()
            generate.executableURL = URL(fileURLWithPath: "/bin/sh")
            generate.arguments = ["-c", TLSTransportTests.script]
            generate.currentDirectoryURL = directory
            try generate.run()
            Self.waitForExit(generate, upTo: 60)
            guard !generate.isRunning, generate.terminationStatus == 0 else { throw DockerError.invalidConfiguration("openssl certificate generation failed") }

            port = Int.random(in: 30_000...60_000)
            process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            process.arguments = ["s_server", "-accept", "127.0.0.1:\(port)", "-cert", "server.pem", "-key", "server.key",
                                 "-CAfile", "ca.pem", "-Verify", "1", "-www", "-quiet"]
            process.currentDirectoryURL = directory
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
        }

        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

        func pem(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }

        func stop() {
            // SIGKILL: the child inherits a signal mask with SIGTERM blocked
            // from the test runner's threads, so `terminate()` is ignored.
            kill(process.processIdentifier, SIGKILL)
            Self.waitForExit(process, upTo: 5)
            try? FileManager.default.removeItem(at: directory)
        }

        /// Polls instead of `waitUntilExit()`, which on Linux can spin forever
        /// when called from a Swift concurrency thread.
        static func waitForExit(_ process: Process, upTo seconds: Double) {
            let deadline = Date().addingTimeInterval(seconds)
            while process.isRunning, Date() < deadline { usleep(20_000) }
        }
    }

    func ping(_ server: Server, _ tls: DockerTLS) async throws -> String {
        let client = try DockerClient(host: try DockerHost(parsing: "tcp://127.0.0.1:\(server.port)", tls: tls))
        do {
            let answer = try await client.system.ping()
            try await client.shutdown()
            return answer
        } catch {
            try await client.shutdown()
            throw error
        }
    }

    @Test func mutualTLS() async throws {
        let server = try Server()
        defer { server.stop() }
        // Key from a file, certificates as PEM text: both sources must work.
        let good = DockerTLS(caCertificate: .pem(try server.pem("ca.pem")),
                             clientCertificate: .pem(try server.pem("client.pem")),
                             clientKey: .file(server.path("client.key")))
        let page = try await DockerTestSupport.eventually("s_server to listen", timeout: .seconds(10)) { () -> String? in
            try await ping(server, good)
        }
        #expect(page.contains("s_server"))

        // No client certificate: the server ends the handshake.
        await #expect {
            _ = try await ping(server, DockerTLS(caCertificate: .file(server.path("ca.pem"))))
        } throws: { ($0 as? DockerError)?.isUnreachable == true }

        // A server certificate from a CA we do not trust is refused by us.
        await #expect {
            _ = try await ping(server, DockerTLS(caCertificate: .file(server.path("other.pem")),
                                                 clientCertificate: .file(server.path("client.pem")),
                                                 clientKey: .file(server.path("client.key"))))
        } throws: { ($0 as? DockerError)?.isUnreachable == true }
    }
}
