import Crypto
import DockerEngine
import Fluent
import Foundation
import PaaSCore
import Vapor

/// Runs Traefik for a location as a plain container on one engine: the one at DOCKER_HOST, or an
/// ingress node's (`site`). Published on 80/443, polling the control plane's HTTP provider every
/// second, no Docker socket, no API or dashboard. It joins every organization network so it can
/// reach task addresses; `attach` keeps it joined as networks appear and after restarts.
struct IngressManager {
    /// The engine Traefik runs on.
    let docker: DockerClient
    let db: any Database
    let config: IngressConfig
    let port: Int
    let logger: Logger
    var site: IngressSite = .controlPlane
    /// The Swarm manager, which knows every organization network; nil when `docker` is it.
    var swarm: DockerClient? = nil

    static let systemLabel = "paas.system"
    static let configLabel = "paas.ingress.config"

    static func containerName(_ slug: String) -> String { "paas-ingress-\(slug)" }

    /// Creates or replaces the location's Traefik when its settings changed; otherwise only makes
    /// sure it runs and is attached. Returns the container id.
    @discardableResult
    func ensure(locationSlug slug: String) async throws -> String {
        let name = Self.containerName(slug)
        let internalURL = try await self.internalURL()
        let fingerprint = Self.fingerprint(config: config, internalURL: internalURL, slug: slug)
        if let existing = try? await docker.containers.inspect(name) {
            if existing.config?.labels?[Self.configLabel] == fingerprint {
                if existing.state?.running != true { try await restart(name) }
                try await attach(containerName: name, locationSlug: slug)
                return existing.id
            }
            logger.notice("ingress \(name): settings changed, recreating")
            try await docker.containers.remove(name, force: true)
        }
        let dataSource: String
        switch site {
        case .controlPlane:
            dataSource = (config.dataDirectory as NSString).appendingPathComponent("ingress/\(slug)")
            try FileManager.default.createDirectory(atPath: dataSource, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        case .node:
            // A volume on the node: the certificates stay where they are served and survive a recreate.
            dataSource = name
            try await ensureImage()
        }
        let token = try await IngressToken.issue(for: slug, site: site, on: db)
        let request = IngressSpec.request(config: config, slug: slug, internalURL: internalURL, token: token, dataSource: dataSource,
                                          bindCA: site == .controlPlane,
                                          labels: [Self.systemLabel: "ingress", PlatformNames.managedLabel: "true", "paas.location": slug, Self.configLabel: fingerprint])
        let id = try await docker.containers.create(name: name, request)
        if site != .controlPlane, let ca = config.acmeCACertificate {
            let pem = try String(contentsOfFile: ca, encoding: .utf8)
            try await docker.containers.putArchive(id, path: "/", tar: TarWriter.file(String(IngressSpec.caCertificatePath.dropFirst()), pem) + TarWriter.end)
        }
        try await docker.containers.start(id)
        try await attach(containerName: name, locationSlug: slug)
        return id
    }

    /// Joins the ingress container to the network of every organization with apps in its
    /// location, where it is not yet. Only those: a Swarm can hold networks of organizations
    /// elsewhere, or of another installation, that this ingress has no business on.
    func attach(containerName: String, locationSlug slug: String) async throws {
        let container = try await docker.containers.inspect(containerName)
        let joined = Set((container.networkSettings?.networks ?? [:]).keys)
        guard let location = try await Location.query(on: db).filter(\.$slug == slug).first() else { return }
        let organizations = try await TenantApp.query(on: db).filter(\.$location.$id == location.requireID()).all().map(\.organizationID)
        let wanted = Set(organizations.map { PlatformNames.organizationNetwork($0.uuidString) })
        // A worker's engine lists an overlay only once a task of it runs there; the manager knows them all.
        let networks = try await (swarm ?? docker).networks.list(filters: .label("\(PlatformNames.managedLabel)=true"))
        for network in networks where wanted.contains(network.name) && !joined.contains(network.name) {
            do {
                try await docker.networks.connect(network.id, container: containerName)
            } catch let error as DockerError {
                // Already connected, being removed, or the manager is slow to allocate the
                // attachment: the periodic pass tries again, and one network must not keep the
                // ingress from the others.
                logger.warning("ingress \(containerName) not attached to \(network.name) yet: \(error)")
            }
        }
    }

    /// Every ingress container on this engine: running, attached to every network, and
    /// recreated when an admin changed its settings (the ACME account, say) since it started.
    func reconcile() async throws {
        let containers = try await docker.containers.list(all: true, filters: .label("\(Self.systemLabel)=ingress"))
        let internalURL = try await self.internalURL()
        for container in containers {
            let name = container.names?.first.map { $0.hasPrefix("/") ? String($0.dropFirst()) : $0 } ?? container.id
            guard let slug = container.labels?["paas.location"] else { continue }
            let ours = try await Location.query(on: db).filter(\.$slug == slug).first() != nil
            if ours, container.labels?[Self.configLabel] != Self.fingerprint(config: config, internalURL: internalURL, slug: slug) {
                try await ensure(locationSlug: slug)
                continue
            }
            if container.state != "running" { try await restart(name) }
            try await attach(containerName: name, locationSlug: slug)
        }
    }

    /// Starts a stopped ingress. Its overlay attachments are dropped first: Swarm released them
    /// when it stopped, and starting with them makes the engine wait for an allocation that never
    /// comes. `attach` joins the networks again afterwards.
    private func restart(_ name: String) async throws {
        let container = try await docker.containers.inspect(name)
        for network in (container.networkSettings?.networks ?? [:]).keys where network != "bridge" {
            try? await docker.networks.disconnect(network, container: name, force: true)
        }
        try await docker.containers.start(name)
    }

    /// An ingress node pulls the image itself; one it already has is used as it is.
    private func ensureImage() async throws {
        if (try? await docker.images.inspect(config.image)) != nil { return }
        for try await _ in try await docker.images.pull(config.image) {}
    }

    /// The control plane as Traefik sees it from the Docker bridge network.
    func internalURL() async throws -> String {
        if let url = config.internalURL { return url }
        let bridge = try await docker.networks.inspect("bridge")
        let gateway = bridge.gateway ?? "172.17.0.1"
        return "http://\(gateway):\(port)"
    }

    static func fingerprint(config: IngressConfig, internalURL: String, slug: String) -> String {
        let text = [config.image, String(config.httpPort), String(config.httpsPort), config.bindAddress, internalURL, config.acmeEmail,
                    config.acmeCAServer, config.acmeCACertificate ?? "", slug, IngressSpec.version].joined(separator: "|")
        return String(SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined().prefix(16))
    }
}
