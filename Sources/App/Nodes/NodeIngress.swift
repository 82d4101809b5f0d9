import DockerEngine
import Fluent
import Foundation
import Vapor

/// The Traefik of an ingress node's location, run on that node through its mTLS Docker API. The
/// control plane's own engine gets its ingress from `IngressManager` directly; a node gets one
/// as soon as it has joined, and the periodic sync keeps it running, attached and current.
enum NodeIngress {
    static let role = "ingress"

    /// Joined nodes with the ingress role that registered through the install script, so they
    /// have the Docker API the control plane can open. A drained one keeps serving: DNS may still
    /// send visitors there while an admin works on it.
    static func serves(_ node: WorkerNode) -> Bool {
        node.roleList.contains(role) && node.tlsCertificate != nil && node.swarmNodeID != nil
            && [NodeStatus.ready, NodeStatus.draining, NodeStatus.drained].contains(node.status)
    }

    /// Ensures the node's Traefik runs, attached to its location's organization networks. Returns the container ID.
    @discardableResult
    static func ensure(_ node: WorkerNode, app: Application, logger: Logger) async throws -> String {
        let slug = try await node.$location.get(on: app.db).slug
        var config = try await app.ingressConfig()
        config.bindAddress = "0.0.0.0"
        // A node's Traefik reaches the control plane at its public URL, as the install script does.
        config.internalURL = app.config.publicBaseURL
        let id = try node.requireID()
        do {
            let container = try await NodeDockerAPI.withClient(node, app: app) { docker in
                try await IngressManager(docker: docker, db: app.db, config: config, port: app.config.port, logger: logger, site: .node(id), swarm: app.docker)
                    .ensure(locationSlug: slug)
            }
            try await NodeIngressState(running: true, message: "Traefik (\(config.image)) runs as \(IngressManager.containerName(slug)) on \(node.ipv4):\(config.httpPort)/\(config.httpsPort), polling \(config.internalURL ?? "").",
                                       checkedAt: Date()).record(id, on: app.db)
            return container
        } catch {
            try? await NodeIngressState(running: false, message: "Traefik is not running on \(node.ipv4): \(error)", checkedAt: Date()).record(id, on: app.db)
            throw error
        }
    }

    /// Every serving node; one that does not answer is logged and left to the next pass.
    static func reconcile(_ app: Application, logger: Logger) async throws {
        for node in try await WorkerNode.query(on: app.db).all() where serves(node) {
            do {
                try await ensure(node, app: app, logger: logger)
            } catch {
                logger.warning("ingress on node \(node.name) (\(node.ipv4)) not ensured: \(error)")
            }
        }
    }

    /// The containers a node runs for the platform outside the Swarm, to remove before it leaves.
    static func containers(on node: WorkerNode, db: any Database) async throws -> [String] {
        guard node.roleList.contains(role) else { return [] }
        return [IngressManager.containerName(try await node.$location.get(on: db).slug)]
    }

    /// Once a node is out: its provider token opens nothing any more, whether or not the node
    /// answered when its Traefik was removed.
    static func forget(_ node: WorkerNode, db: any Database) async throws {
        guard node.roleList.contains(role), let id = node.id else { return }
        let slug = try await node.$location.get(on: db).slug
        try await IngressToken.revoke(for: slug, site: .node(id), on: db)
        try await PlatformSetting.remove(NodeIngressState.key(id), on: db)
    }
}
