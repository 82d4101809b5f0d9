import Foundation
import Fluent
import Testing
@testable import App

@Suite("Automatic install: command line and failure message")
struct NodeInstallRunTests {
    @Test("Root runs the script directly; other users through sudo -S, the password never on the command line")
    func command() {
        let env = ["PAAS_INSTALL_MODE": "check", "PAAS_NODE_ROOT": "/tmp/it's here"]
        #expect(NodeInstallRun.command(path: "/tmp/x.sh", user: "root", environment: [:]) == "env bash /tmp/x.sh")
        let sudo = NodeInstallRun.command(path: "/tmp/x.sh", user: "deploy", environment: env)
        #expect(sudo == #"sudo -S -p '' env PAAS_INSTALL_MODE='check' PAAS_NODE_ROOT='/tmp/it'\''s here' bash /tmp/x.sh"#)
    }

    @Test("A failed run names the step it stopped in and the script's own error line")
    func failure() {
        let lines = ["==> 1/8 checking the system", "    ok: debian", "==> 2/8 installing Docker Engine",
                     "E: Unable to locate package docker.io", "ERROR: apt-get failed",
                     "ERROR: step 2 stopped with status 1; fix the problem above and run the script again."]
        #expect(NodeInstallRun.scriptFailure(status: 1, lines: lines)
                == "The install script failed with status 1 at step 2/8 installing Docker Engine: apt-get failed")
        #expect(NodeInstallRun.scriptFailure(status: 127, lines: []) == "The install script failed with status 127. See the install log.")
    }

    @Test("Connection failures read as what the admin should check")
    func connectFailures() {
        struct Refused: Error, CustomStringConvertible { var description: String { "connect: Connection refused (errno: 111)" } }
        #expect(SSHInstallError.describeConnectFailure(Refused()).contains("refused the connection"))
        #expect(SSHInstallError.authenticationFailed(user: "root").message.contains("wrong user or password"))
    }
}

@Suite("Node alerts")
struct NodeAlertsTests {
    @Test("Each node that went down leaves an activity entry the overview shows; a quiet pass leaves none")
    func downNodesAreRecorded() async throws {
        try await TestApp.withApp { app in
            await NodeAlerts.report(NodeSync.Summary(), app: app, logger: app.logger)
            #expect(try await ActivityLog.query(on: app.db).filter(\.$action == "node.down").count() == 0)
            var summary = NodeSync.Summary()
            summary.wentDown = ["fra-1", "fra-2"]
            await NodeAlerts.report(summary, app: app, logger: app.logger)
            let entries = try await ActivityLog.query(on: app.db).filter(\.$action == "node.down").all()
            #expect(entries.count == 2)
            #expect(entries.contains { $0.details?.hasPrefix("fra-1 stopped answering Swarm") == true })
        }
    }
}
