import DockerEngine
import Foundation
import Vapor

/// A node's own Docker API, `tcp://<ipv4>:2376` with mutual TLS (the install script sets it up):
/// for what only the node itself can do, such as leaving the Swarm. The node must present the
/// certificate the platform CA issued for its address, and the control plane its client certificate.
enum NodeDockerAPI {
    static let port = 2376

    static func withClient<Result>(_ node: WorkerNode, app: Application, _ body: (DockerClient) async throws -> Result) async throws -> Result {
        let identity = try await ControlPlaneIdentity.load(on: app.db, box: app.secretBox)
        let client = try DockerClient(host: DockerHost(endpoint: .tcp(host: node.ipv4, port: port), tls: identity.tls))
        do {
            let result = try await body(client)
            try? await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// Removes `containers` from the node, then asks it to leave the Swarm, over one connection so
    /// a node that does not answer costs one timeout. `nil` when it left; otherwise why not, for the admin.
    static func leaveSwarm(_ node: WorkerNode, removing containers: [String], app: Application) async -> String? {
        guard node.tlsCertificate != nil else { return "it never registered, so it has no Docker API the control plane can reach" }
        do {
            try await withClient(node, app: app) { docker in
                for name in containers {
                    do {
                        try await docker.containers.remove(name, force: true)
                    } catch let error as DockerError {
                        // Leaving matters more than tidying: the admin hears of what stayed.
                        if !error.isNotFound { app.logger.warning("\(name) on node \(node.name) not removed: \(error)") }
                    }
                }
                do {
                    try await docker.swarm.leave(force: false)
                } catch let error as DockerError where error.statusCode == 503 {
                    // Not in a Swarm any more: what leaving wanted.
                }
            }
            return nil
        } catch {
            return "its Docker API at \(node.ipv4):\(port) did not answer (\(error))"
        }
    }
}
