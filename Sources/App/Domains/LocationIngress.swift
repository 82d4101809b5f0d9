import DockerEngine
import Fluent
import Foundation

/// Where a location's visitors arrive: the IPv4 of its ingress nodes (what default hostnames
/// name and custom domains must point at), and where this control plane can reach Traefik's
/// HTTPS port to read the certificates it serves.
struct LocationIngress: Sendable {
    let addresses: [String]
    /// The address default hostnames carry.
    var primaryAddress: String { addresses.first ?? "127.0.0.1" }

    static func of(_ location: Location, on db: any Database) async throws -> LocationIngress {
        let nodes = try await WorkerNode.query(on: db).filter(\.$location.$id == location.requireID()).sort(\.$createdAt).all()
        let ingress = nodes.filter { $0.roleList.contains(NodeIngress.role) && $0.status == "ready" }
        let chosen = ingress.isEmpty ? Array(nodes.prefix(1)) : ingress
        var seen = Set<String>()
        return LocationIngress(addresses: chosen.map(\.ipv4).filter { seen.insert($0).inserted })
    }

    /// The ingress on this control plane's own engine is probed on the address it publishes on
    /// (loopback when it listens everywhere); a remote one on its node's address.
    func probeTarget(slug: String, config: IngressConfig, docker: DockerClient) async -> (host: String, port: Int) {
        if (try? await docker.containers.inspect(IngressManager.containerName(slug))) != nil {
            return (config.bindAddress == "0.0.0.0" ? "127.0.0.1" : config.bindAddress, config.httpsPort)
        }
        return (primaryAddress, config.httpsPort)
    }
}
