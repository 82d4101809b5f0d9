import Fluent
import Foundation
import NIOConcurrencyHelpers
import PaaSCore
import Vapor

/// One automatic install, from connecting to the final status.
struct NodeInstallRun: Sendable {
    struct Target: Sendable {
        var host: String
        var port: Int
        var user: String
        var password: String
        var hostKey: String?
    }

    let app: Application
    let nodeID: UUID
    let script: String

    func run(target: Target) async {
        let lines = NIOLockedValueBox<[String]>([])
        let hub = app.installLogs
        let id = nodeID
        @Sendable func say(_ line: String) {
            lines.withLockedValue { $0.append(line) }
            hub.append(id, line)
        }
        var fingerprint: String?
        var failure: String?
        say("connecting to \(target.user)@\(target.host):\(target.port) over SSH")
        do {
            let session = try await SSHSession.connect(host: target.host, port: target.port, user: target.user, password: target.password,
                                                       expectedHostKey: target.hostKey, group: app.eventLoopGroup)
            fingerprint = session.hostKeyFingerprint
            say("connected; host key \(session.hostKeyFingerprint ?? "unknown")")
            let path = "/tmp/paas-node-install-\(id.uuidString.lowercased()).sh"
            let upload = try await session.run("umask 077 && cat > \(path)", stdin: script, onLine: say)
            guard upload == 0 else { throw SSHInstallError.disconnected("uploading the script to \(path) failed with status \(upload)") }
            say("uploaded the install script to \(path)")
            let command = Self.command(path: path, user: target.user, environment: app.config.nodeInstallEnvironment)
            let status = try await session.run(command, stdin: target.user == "root" ? nil : target.password + "\n", onLine: say)
            _ = try? await session.run("rm -f \(path)", stdin: nil) { _ in }
            await session.close()
            if status != 0 { failure = Self.scriptFailure(status: status, lines: lines.withLockedValue { $0 }) }
        } catch let error as SSHInstallError {
            failure = error.message
        } catch {
            failure = "The automatic install stopped: \(error)."
        }
        if let failure { say("FAILED: \(failure)") }
        await finish(failure: failure, fingerprint: fingerprint, log: lines.withLockedValue { $0 })
        hub.finish(id)
    }

    /// Root runs the script directly; any other user through `sudo -S`, which reads the password
    /// from stdin, so it never appears on a command line.
    static func command(path: String, user: String, environment: [String: String]) -> String {
        let env = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(NodeInstallScript.quote($0.value))" }
        let run = (["env"] + env + ["bash", path]).joined(separator: " ")
        return user == "root" ? run : "sudo -S -p '' " + run
    }

    /// The step the script stopped in and its own error line.
    static func scriptFailure(status: Int, lines: [String]) -> String {
        let step = lines.last { $0.hasPrefix("==> ") }.map { String($0.dropFirst(4)) }
        let error = lines.last { $0.hasPrefix("ERROR: ") && !$0.contains("stopped with status") }.map { String($0.dropFirst(7)) }
        var message = "The install script failed with status \(status)"
        if let step { message += " at step \(step)" }
        return message + (error.map { ": \($0)" } ?? ". See the install log.")
    }

    private func finish(failure: String?, fingerprint: String?, log: [String]) async {
        do {
            guard let node = try await WorkerNode.find(nodeID, on: app.db) else { return }
            node.installLog = String(log.joined(separator: "\n").suffix(NodeInstaller.logLimit))
            if node.sshHostKeyFingerprint == nil, let fingerprint { node.sshHostKeyFingerprint = fingerprint }
            if let failure {
                node.status = NodeStatus.pending
                node.lastError = failure
            } else if node.status == NodeStatus.installing {
                node.status = NodeStatus.pending
                node.lastError = "The install script finished but the node never reported back to the control plane."
            }
            try await node.save(on: app.db)
            try await Activity.record("node.install_finished", on: app.db, request: nil, principal: nil,
                                      target: ("node", nodeID.uuidString),
                                      details: "name=\(node.name) status=\(node.status)" + (failure.map { " error=\($0)" } ?? ""))
        } catch {
            app.logger.error("node install \(nodeID): could not record the outcome: \(String(reflecting: error))")
        }
    }
}
