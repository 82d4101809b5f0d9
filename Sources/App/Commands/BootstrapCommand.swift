import DockerEngine
import Fluent
import PaaSCore
import Vapor

/// `paas bootstrap --location <slug> [--location-name <name>] [--country <ISO2>] [--advertise-addr <ipv4>]`:
/// makes the Docker engine at `DOCKER_HOST` a ready node of that location. Safe to run again.
struct BootstrapCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "location", help: "The location's slug, e.g. fra-1; created when missing.")
        var location: String?
        @Option(name: "location-name", help: "A new location's display name (default: the slug).")
        var locationName: String?
        @Option(name: "country", help: "A new location's two-letter ISO country code; required when the location does not exist yet.")
        var country: String?
        @Option(name: "advertise-addr", help: "The IPv4 Swarm advertises when bootstrap initialises it (default 127.0.0.1), recorded as the node's address.")
        var advertiseAddr: String?
        @Flag(name: "no-firewall", help: "Do not install the tenant firewall on this host (apply the rules another way).")
        var noFirewall: Bool
        @Flag(name: "no-ingress", help: "Do not start Traefik, the location's ingress, on this engine.")
        var noIngress: Bool
    }

    var help: String { "Makes the Docker engine at DOCKER_HOST a ready node of a location (Swarm, location, node record, labels)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let slug = signature.location, !slug.trimmingWhitespace().isEmpty else {
            context.console.error("Give the location's slug with --location, e.g. `paas bootstrap --location fra-1 --country DE`.")
            throw AppError.invalid("location", "--location is required.")
        }
        do {
            try await prepareDatabase(app, console: context.console)
            let options = NodeBootstrap.Options(locationSlug: slug, locationName: signature.locationName,
                                                country: signature.country, advertiseAddr: signature.advertiseAddr)
            let outcome = try await NodeBootstrap(db: app.db, docker: app.docker).run(options) { context.console.print($0) }
            if signature.noFirewall {
                context.console.print("firewall: skipped (--no-firewall); tenants can reach this host's services until you apply it")
            } else if case .unixSocket = app.docker.host.endpoint {
                _ = try HostFirewall.apply(addressPool: NodeBootstrap.defaultAddressPool)
                context.console.print("firewall: tenant → host and tenant → overlay-pool traffic dropped (chain \(NodeFirewall.inputChain))")
            } else {
                context.console.print("firewall: the engine is remote; its install script applies the tenant firewall there")
            }
            if signature.noIngress {
                context.console.print("ingress: skipped (--no-ingress)")
            } else {
                let manager = try await app.ingressManager()
                let config = manager.config
                let id: String
                do {
                    id = try await manager.ensure(locationSlug: outcome.location.slug)
                } catch let error as DockerError {
                    throw AppError(.serviceUnavailable, code: "ingress_failed",
                                   "Could not start the ingress from the image \(config.image) (set PAAS_TRAEFIK_IMAGE to one the engine has or can pull): \(error)")
                }
                context.console.print("ingress: \(IngressManager.containerName(outcome.location.slug)) (\(id.prefix(12))) on \(config.bindAddress):\(config.httpPort)/\(config.httpsPort), polling \(try await manager.internalURL())/internal/traefik/\(outcome.location.slug)")
                if app.config.host == "127.0.0.1" || app.config.host == "localhost" {
                    context.console.print("ingress: note that `paas serve` must listen where the ingress reaches it (HOST=0.0.0.0, or set PAAS_INTERNAL_URL)")
                }
            }
            context.console.print("builds: " + (try await DockerfileSandbox.status(of: app.docker, required: app.config.builds.dockerfileSandbox)))
            context.console.print("bootstrap: \(outcome.node.name) is \(outcome.node.status) in \(outcome.location.slug)")
        } catch let error as AppError {
            context.console.error("bootstrap failed: \(error.message)")
            throw error
        }
    }

    /// The embedded default migrates itself, as `serve` does; PostgreSQL is migrated by the operator.
    private func prepareDatabase(_ app: Application, console: any Console) async throws {
        try await app.migrator.setupIfNeeded().get()
        let pending = try await app.migrator.previewPrepareBatch().get()
        guard !pending.isEmpty else { return }
        guard app.config.autoMigrate else {
            throw AppError(.internalServerError, code: "migrations_pending",
                           "The database has \(pending.count) pending migrations. Run `paas migrate` first, or set PAAS_AUTO_MIGRATE=1.")
        }
        try await app.autoMigrate()
        console.print("database: applied \(pending.count) migrations")
    }
}
