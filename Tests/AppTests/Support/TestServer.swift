import Foundation
import Vapor
@testable import App

/// Serves a test app on a real port of 127.0.0.1, for callers outside the process (an install
/// script calling back); `publicURL` follows, so rendered scripts point here.
enum TestServer {
    static func start(_ app: Application, host: String = "127.0.0.1") async throws -> Int {
        try await app.server.start(address: .hostname(host, port: 0))
        guard let port = app.http.server.shared.localAddress?.port else { throw TestSetupError("the test server has no port") }
        app.config.publicURL = "http://\(host):\(port)"
        return port
    }

    static func stop(_ app: Application) async {
        await app.server.shutdown()
    }
}

/// The throwaway sshd and user `scripts/lib/sshd.sh` starts.
struct TestSSH: ScriptComponent {
    let port: Int
    let user: String
    let password: String

    static var current: TestSSH? {
        let env = ProcessInfo.processInfo.environment
        guard let port = env["PAAS_TEST_SSH_PORT"].flatMap(Int.init), let user = env["PAAS_TEST_SSH_USER"],
              let password = env["PAAS_TEST_SSH_PASSWORD"] else { return nil }
        return TestSSH(port: port, user: user, password: password)
    }

    static let missing = "no throwaway sshd: PAAS_TEST_SSH_PORT/USER/PASSWORD are not set (scripts/lib/sshd.sh)"
}
