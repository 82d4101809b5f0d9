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

    /// Asks the node to leave the Swarm. `nil` when it did; otherwise why not, for the admin.
    static func leaveSwarm(_ node: WorkerNode, app: Application) async -> String? {
        guard node.tlsCertificate != nil else { return "it never registered, so it has no Docker API the control plane can reach" }
        do {
            try await withClient(node, app: app) { docker in
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
