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
    /// Traefik (and only Traefik) can be connected to it live.
    func ensureNetwork(organizationID: UUID) async throws {
        let name = PlatformNames.organizationNetwork(organizationID.uuidString.lowercased())
        do {
            _ = try await docker.networks.inspect(name)
        } catch let error as DockerError where error.isNotFound {
            do {
                _ = try await docker.networks.create(.overlay(name: name, labels: [PlatformNames.managedLabel: "true", PlatformNames.orgLabel: organizationID.uuidString.lowercased()]))
                logger.info("created network \(name)")
            } catch let error as DockerError where error.statusCode == 409 {
                // Another request made it first; the network exists, which is all we need.
            }
        }
    }

    func removeNetwork(organizationID: UUID) async throws {
        do {
            try await docker.networks.remove(PlatformNames.organizationNetwork(organizationID.uuidString.lowercased()))
        } catch let error as DockerError where error.isNotFound {}
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
            let name = spec.name ?? ""
            do {
                try await docker.services.modify(name) { current in
                    let previous = current.taskTemplate.forceUpdate ?? 0
                    current = spec
                    current.taskTemplate.forceUpdate = forceRestart ? previous + 1 : previous
                }
            } catch let error as DockerError where error.isNotFound {
                _ = try await docker.services.create(spec)
            }
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
