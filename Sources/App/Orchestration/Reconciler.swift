import DockerEngine
import Fluent
import Foundation
import PaaSCore
import Vapor

/// Compares Swarm with what the database says should run: missing or drifted services of a
/// released app are applied again; platform services whose app no longer exists are reported.
struct Reconciler {
    let db: any Database
    let docker: DockerClient
    let box: SecretBox
    let logger: Logger

    struct Report: Sendable, Equatable {
        var checked = 0
        var repaired: [String] = []
        var orphans: [String] = []
        var removedNetworks: [String] = []
    }

    func run() async throws -> Report {
        var report = Report()
        let services = try await docker.services.list(filters: .label("\(PlatformNames.managedLabel)=true"))
        let byName = Dictionary(services.map { ($0.spec.name ?? $0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let apps = try await TenantApp.query(on: db).all()
        let orchestrator = Orchestrator(docker: docker, logger: logger)
        for app in apps {
            // Usage follows what was asked of Swarm even when a request died between the two.
            try await UsageMeter.sync(app, on: db)
            guard let releaseID = app.currentReleaseID, let release = try await Release.find(releaseID, on: db) else { continue }
            // A release being rolled out is not drift: re-applying the current one would undo it.
            if try await isReleasing(app) { continue }
            let config = try AppDeployer.decodeConfig(release.configSnapshotSealed, box: box)
            for process in try await AppDeployer.processes(app, release: release, config: config, on: db) {
                report.checked += 1
                let wanted = HardenedServiceSpec.make(process)
                guard let name = wanted.name, Self.drifted(byName[name]?.spec, from: wanted) else { continue }
                // Asked again right before writing: a rollout may have finished or begun meanwhile.
                guard try await TenantApp.find(app.id, on: db)?.currentReleaseID == releaseID, try await !isReleasing(app) else { break }
                try await orchestrator.ensureNetwork(organizationID: app.organizationID)
                try await orchestrator.apply([process])
                report.repaired.append(name)
                try await Activity.record("app.reconcile", on: db, request: nil, principal: nil, organizationID: app.organizationID,
                                          target: ("app", app.id!.uuidString), details: "re-applied \(name)")
            }
        }
        // Only organizations this database knows: a Swarm shared with another installation (or a
        // test run) holds services and networks that are not ours to judge.
        let organizations = Set(try await Organization.query(on: db).all().compactMap { $0.id?.uuidString.lowercased() })
        let known = Set(apps.compactMap { $0.id?.uuidString.lowercased() })
        for service in services where organizations.contains(service.spec.labels?[PlatformNames.orgLabel] ?? "")
            && !known.contains(service.spec.labels?[PlatformNames.appLabel] ?? "") {
            report.orphans.append(service.spec.name ?? service.id)
        }
        let withApps = Set(apps.map { $0.organizationID.uuidString.lowercased() })
        report.removedNetworks = try await orchestrator.removeUnusedNetworks(of: organizations.subtracting(withApps))
        if !report.removedNetworks.isEmpty { logger.info("removed networks of organizations without apps: \(report.removedNetworks.joined(separator: ", "))") }
        if !report.orphans.isEmpty {
            logger.warning("services without an app (left running for an administrator to inspect): \(report.orphans.joined(separator: ", "))")
        }
        return report
    }

    private func isReleasing(_ app: TenantApp) async throws -> Bool {
        try await Deployment.query(on: db).filter(\.$app.$id == app.requireID()).filter(\.$status == "releasing").first() != nil
    }

    /// Drift that matters: gone, another image, another replica count, another environment.
    static func drifted(_ actual: ServiceSpec?, from wanted: ServiceSpec) -> Bool {
        guard let actual else { return true }
        let actualImage = actual.taskTemplate.containerSpec?.image ?? ""
        let wantedImage = wanted.taskTemplate.containerSpec?.image ?? ""
        if actualImage != wantedImage && !actualImage.hasPrefix(wantedImage + "@") { return true }
        if actual.mode?.replicated?.replicas != wanted.mode?.replicated?.replicas { return true }
        return Set(actual.taskTemplate.containerSpec?.env ?? []) != Set(wanted.taskTemplate.containerSpec?.env ?? [])
    }
}
