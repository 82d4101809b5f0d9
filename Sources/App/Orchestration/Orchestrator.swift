import DockerEngine
import Foundation
import PaaSCore
import Vapor

/// Turns desired app state into Swarm services. Every spec passes `HardenedServiceSpec.violations`
/// before it reaches Docker, whoever built it.
struct Orchestrator {
    let docker: DockerClient
    let logger: Logger

    /// The organization's overlay network, made on first need. Encrypted and attachable so
    /// Traefik (and only Traefik) can be connected to it live. Create-first, because the local
    /// engine's `inspect` can still show a network the Swarm manager has already removed.
    func ensureNetwork(organizationID: UUID, locationSlug: String? = nil) async throws {
        let name = PlatformNames.organizationNetwork(organizationID.uuidString.lowercased())
        do {
            _ = try await docker.networks.create(.overlay(name: name, labels: [PlatformNames.managedLabel: "true", PlatformNames.orgLabel: organizationID.uuidString.lowercased()]))
            logger.info("created network \(name)")
            await attachIngress(to: name, locationSlug: locationSlug)
        } catch let error as DockerError where error.statusCode == 409 {
            // It exists in the Swarm, which is all we need.
        }
    }

    /// Joins this engine's ingress containers to a new organization network right away, so the
    /// first deploy is routable without waiting for the periodic pass (which retries a failure).
    private func attachIngress(to network: String, locationSlug: String?) async {
        do {
            var filters = DockerFilters.label("\(IngressManager.systemLabel)=ingress")
            if let locationSlug { filters = filters.with("label", "paas.location=\(locationSlug)") }
            for container in try await docker.containers.list(filters: filters) {
                try await docker.networks.connect(network, container: container.id)
            }
        } catch {
            logger.warning("ingress not attached to \(network) yet, the periodic pass retries: \(error)")
        }
    }

    /// Creates or replaces the service of each process. Replacing keeps Swarm's start-first
    /// rolling update; `forceRestart` makes Swarm replace tasks even when nothing changed.
    func apply(_ processes: [ProcessDeployment], forceRestart: Bool = false) async throws {
        for process in processes {
            let spec = HardenedServiceSpec.make(process)
            let problems = HardenedServiceSpec.violations(of: spec, organizationID: process.organizationID)
            guard problems.isEmpty else {
                throw AppError(.internalServerError, code: "unsafe_spec", "Refused to deploy an unsafe service spec: \(problems.joined(separator: ", ")).")
            }
            do {
                try await write(spec, forceRestart: forceRestart)
            } catch let error as DockerError where Self.isMissingNetwork(error) {
                // Swarm was still removing the organization's network (its last app went a moment
                // ago): it answers "exists" to a create and "not found" to a service until done.
                guard let organizationID = UUID(uuidString: process.organizationID) else { throw error }
                var attempt = 0
                while true {
                    attempt += 1
                    try await Task.sleep(for: .seconds(1))
                    try await ensureNetwork(organizationID: organizationID)
                    do {
                        try await write(spec, forceRestart: forceRestart)
                        break
                    } catch let again as DockerError where Self.isMissingNetwork(again) && attempt < 10 {
                        continue
                    }
                }
            }
        }
    }

    static func isMissingNetwork(_ error: DockerError) -> Bool {
        error.message.contains("network") && error.message.contains("not found")
    }

    /// Networks of the given organizations (those that no longer have apps). Removed from the
    /// periodic pass rather than right after the last delete, so a redeploy does not race it.
    func removeUnusedNetworks(of organizations: Set<String>) async throws -> [String] {
        var removed: [String] = []
        for network in try await docker.networks.list(filters: .label("\(PlatformNames.managedLabel)=true")) {
            guard let org = network.labels?[PlatformNames.orgLabel], organizations.contains(org) else { continue }
            do {
                try await docker.networks.remove(network.id)
                removed.append(network.name)
            } catch let error as DockerError {
                logger.info("network \(network.name) not removed yet: \(error.message)")
            }
        }
        return removed
    }

    private func write(_ spec: ServiceSpec, forceRestart: Bool) async throws {
        do {
            try await docker.services.modify(spec.name ?? "") { current in
                let previous = current.taskTemplate.forceUpdate ?? 0
                current = spec
                current.taskTemplate.forceUpdate = forceRestart ? previous + 1 : previous
            }
        } catch let error as DockerError where error.isNotFound && !error.message.contains("network") {
            _ = try await docker.services.create(spec)
        }
    }

    func scale(serviceName: String, replicas: Int) async throws {
        try await docker.services.modify(serviceName) { spec in spec.mode = .replicated(UInt64(max(0, replicas))) }
    }

    func restart(serviceNames: [String]) async throws {
        for name in serviceNames {
            do {
                try await docker.services.modify(name) { spec in spec.taskTemplate.forceUpdate = (spec.taskTemplate.forceUpdate ?? 0) + 1 }
            } catch let error as DockerError where error.isNotFound {}
        }
    }

    func services(appID: UUID) async throws -> [SwarmService] {
        try await docker.services.list(filters: .label("\(PlatformNames.appLabel)=\(appID.uuidString.lowercased())"))
    }

    func removeServices(appID: UUID, except keep: Set<String> = []) async throws {
        for service in try await services(appID: appID) where !keep.contains(service.spec.name ?? "") {
            do { try await docker.services.remove(service.id) } catch let error as DockerError where error.isNotFound {}
        }
    }

    func tasks(appID: UUID) async throws -> [SwarmTask] {
        try await docker.tasks.list(filters: .label("\(PlatformNames.appLabel)=\(appID.uuidString.lowercased())"))
    }
}

extension Request {
    var orchestrator: Orchestrator { Orchestrator(docker: application.docker, logger: logger) }
}
