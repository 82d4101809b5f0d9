import Testing
@testable import DockerEngine

@Suite("DOCKER_HOST parsing")
struct DockerHostTests {
    @Test func unixSocket() throws {
        let host = try DockerHost(parsing: "unix:///var/run/docker.sock")
        #expect(host.endpoint == .unixSocket(path: "/var/run/docker.sock"))
        #expect(host.tls == nil)
        #expect(host.description == "unix:///var/run/docker.sock")
        let url = try #require(host.url(for: "/v1.41/info"))
        #expect(url.hasPrefix("http+unix://"))
        #expect(url.hasSuffix("/v1.41/info"))
    }

    @Test func tcpDefaultsAndPorts() throws {
        #expect(try DockerHost(parsing: "tcp://10.0.0.5").endpoint == .tcp(host: "10.0.0.5", port: 2375))
        #expect(try DockerHost(parsing: "tcp://node1:2376/").endpoint == .tcp(host: "node1", port: 2376))
        #expect(try DockerHost(parsing: "127.0.0.1:2375").endpoint == .tcp(host: "127.0.0.1", port: 2375))
        #expect(try DockerHost(parsing: "http://h:80").url(for: "/_ping") == "http://h:80/_ping")
    }

    @Test func tlsSchemesAndDefaults() throws {
        let https = try DockerHost(parsing: "https://node1")
        #expect(https.endpoint == .tcp(host: "node1", port: 2376))
        #expect(https.tls == DockerTLS())
        #expect(https.url(for: "/_ping") == "https://node1:2376/_ping")

        let mtls = DockerTLS(caCertificate: .pem("ca"), clientCertificate: .pem("c"), clientKey: .pem("k"))
        let tcp = try DockerHost(parsing: "tcp://node1", tls: mtls)
        #expect(tcp.endpoint == .tcp(host: "node1", port: 2376))
        #expect(tcp.tls == mtls)
        #expect(tcp.description == "https://node1:2376")
    }

    @Test func ipv6() throws {
        let host = try DockerHost(parsing: "tcp://[::1]:2375")
        #expect(host.endpoint == .tcp(host: "::1", port: 2375))
        #expect(host.url(for: "/x") == "http://[::1]:2375/x")
    }

    @Test(arguments: ["", "  ", "unix://", "unix://relative.sock", "ssh://root@h", "npipe:////./pipe/docker_engine",
                      "tcp://:2375", "tcp://h:0", "tcp://h:99999", "tcp://h:abc", "tcp://h:2375/base", "tcp://[::1"])
    func rejects(raw: String) {
        #expect(throws: DockerError.self) { try DockerHost(parsing: raw) }
    }

    @Test func environment() throws {
        #expect(try DockerHost.fromEnvironment([:]) == .local)
        #expect(try DockerHost.fromEnvironment(["DOCKER_HOST": ""]) == .local)
        #expect(try DockerHost.fromEnvironment(["DOCKER_HOST": "unix:///tmp/d.sock"]).endpoint == .unixSocket(path: "/tmp/d.sock"))
        let tls = try DockerHost.fromEnvironment([
            "DOCKER_HOST": "tcp://n:2376", "DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": "/certs",
        ])
        #expect(tls.tls == .directory("/certs"))
        #expect(tls.tls?.clientKey == .file("/certs/key.pem"))
        let plain = try DockerHost.fromEnvironment(["DOCKER_HOST": "tcp://n:2375", "DOCKER_TLS_VERIFY": "0"])
        #expect(plain.tls == nil)
    }

    @Test func tlsMaterialErrorsAreConfigurationErrors() {
        let missing = DockerTLS(caCertificate: .file("/nonexistent/ca.pem"))
        #expect(throws: DockerError.self) { try missing.makeConfiguration() }
        let certWithoutKey = DockerTLS(clientCertificate: .pem("x"))
        #expect(throws: DockerError.self) { try certWithoutKey.makeConfiguration() }
        #expect(throws: DockerError.self) { try DockerTLS(caCertificate: .pem("not a cert")).makeConfiguration() }
    }

    /// Nothing listens on this socket, so the failure must be "unreachable"
    /// (the app's 503), promptly, and not a hang or a generic error.
    @Test func missingSocketIsUnreachable() async throws {
        let host = try DockerHost(parsing: "unix:///tmp/paas-no-such-docker-\(UInt32.random(in: 0...UInt32.max)).sock")
        let clock = ContinuousClock()
        let started = clock.now
        await #expect {
            _ = try await DockerClient.connect(host: host)
        } throws: { error in
            (error as? DockerError)?.isUnreachable == true
        }
        #expect(clock.now - started < .seconds(5))
    }

    @Test func refusedTCPIsUnreachable() async throws {
        // Port 1 on loopback: nothing listens there, the kernel refuses at once.
        let client = try DockerClient(host: DockerHost(parsing: "tcp://127.0.0.1:1"))
        await #expect {
            try await client.system.ping()
        } throws: { error in
            (error as? DockerError)?.isUnreachable == true
        }
        try await client.shutdown()
    }
}
