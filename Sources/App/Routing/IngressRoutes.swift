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

    func config(locationSlug: String, statusURL: String, settings: PlatformSettings) async throws -> TraefikDynamicConfig {
        guard let location = try await Location.query(on: db).filter(\.$slug == locationSlug).first() else {
            throw AppError.notFound("Location")
        }
        let apps = try await TenantApp.query(on: db).filter(\.$location.$id == location.requireID()).all()
        let appIDs = apps.compactMap(\.id)
        let domains = appIDs.isEmpty ? [] : try await Domain.query(on: db).filter(\.$app.$id ~~ appIDs).all()
        var hostsByApp: [UUID: [(isDefault: Bool, host: RoutedApp.Host)]] = [:]
        for domain in domains {
            guard let host = Self.host(domain, settings: settings) else { continue }
            hostsByApp[domain.$app.id, default: []].append((domain.isDefault, host))
        }
        let swarm = try await snapshot.current(docker)
        let routed = apps.map { app -> RoutedApp in
            let id = app.id!.uuidString.lowercased()
            let network = PlatformNames.organizationNetwork(app.organizationID.uuidString)
            let backends = swarm.webAddresses(appID: id, network: network).map { "http://\($0):\(ProcessDeployment.defaultPort)" }
            let hosts = (hostsByApp[app.id!] ?? []).sorted { ($0.isDefault ? 0 : 1, $0.host.hostname) < ($1.isDefault ? 0 : 1, $1.host.hostname) }.map(\.host)
            return RoutedApp(id: id, name: app.name, hosts: hosts, backends: app.suspendedAt == nil ? backends : [], idle: Self.idle(app))
        }
        return RoutingTable.config(for: routed, options: .init(statusURL: statusURL))
    }

    /// Default hostnames always route over HTTP, and ask for HTTPS when the admin wants it; a
    /// custom one routes once its ownership is proven, with HTTPS while it points here.
    static func host(_ domain: Domain, settings: PlatformSettings) -> RoutedApp.Host? {
        let certified = [CertificateStatus.active.rawValue, CertificateStatus.expiring.rawValue].contains(domain.certStatus ?? "")
        if domain.isDefault {
            return RoutedApp.Host(hostname: domain.hostname, tls: settings.defaultDomainHttps, redirectToHTTPS: settings.defaultDomainHttps && certified)
        }
        let route = DomainLifecycle.routing(domain.lifecycleStatus, verified: domain.verifiedAt != nil)
        guard route.routed else { return nil }
        return RoutedApp.Host(hostname: domain.hostname, tls: route.tls, redirectToHTTPS: route.redirect)
    }

    static func idle(_ app: TenantApp) -> RoutedApp.Idle {
        if app.suspendedAt != nil { return .suspended }
        if app.currentReleaseID != nil, Formation(json: app.formation).quantity("web") == 0 { return .stopped }
        return .deploying
    }
}
