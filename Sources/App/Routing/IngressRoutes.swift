import DockerEngine
import Fluent
import Foundation
import PaaSCore

/// The routing table of one location, from the database (apps, hostnames) and Swarm (the
/// addresses of running web tasks on each organization's network).
struct IngressRoutes {
    let db: any Database
    let docker: DockerClient
    let snapshot: SwarmSnapshot

    func config(locationSlug: String, statusURL: String) async throws -> TraefikDynamicConfig {
        guard let location = try await Location.query(on: db).filter(\.$slug == locationSlug).first() else {
            throw AppError.notFound("Location")
        }
        let apps = try await TenantApp.query(on: db).filter(\.$location.$id == location.requireID()).all()
        let appIDs = apps.compactMap(\.id)
        let domains = appIDs.isEmpty ? [] : try await Domain.query(on: db).filter(\.$app.$id ~~ appIDs).all()
        let hostsByApp = Dictionary(grouping: domains.filter(Self.isRouted), by: { $0.$app.id })
        let swarm = try await snapshot.current(docker)
        let routed = apps.map { app -> RoutedApp in
            let id = app.id!.uuidString.lowercased()
            let network = PlatformNames.organizationNetwork(app.organizationID.uuidString)
            let backends = swarm.webAddresses(appID: id, network: network).map { "http://\($0):\(ProcessDeployment.defaultPort)" }
            let hosts = (hostsByApp[app.id!] ?? []).sorted { ($0.isDefault ? 0 : 1, $0.hostname) < ($1.isDefault ? 0 : 1, $1.hostname) }
                .map { RoutedApp.Host(hostname: $0.hostname) }
            return RoutedApp(id: id, name: app.name, hosts: hosts, backends: app.suspendedAt == nil ? backends : [], idle: Self.idle(app))
        }
        return RoutingTable.config(for: routed, options: .init(statusURL: statusURL))
    }

    /// Default hostnames always route; a custom one only once its DNS proof was verified.
    static func isRouted(_ domain: Domain) -> Bool {
        domain.isDefault || ["verified", "cert_pending", "active"].contains(domain.status)
    }

    static func idle(_ app: TenantApp) -> RoutedApp.Idle {
        if app.suspendedAt != nil { return .suspended }
        if app.currentReleaseID != nil, Formation(json: app.formation).quantity("web") == 0 { return .stopped }
        return .deploying
    }
}
