import DockerEngine
import Fluent
import Foundation
import PaaSCore
import Testing
import VaporTesting
@testable import App

extension AppsSwarmTests {
    static let traefikImage = ProcessInfo.processInfo.environment["PAAS_TRAEFIK_TEST_IMAGE"] ?? "local/traefik:3.7.15"

    static func ingressConfig(_ app: Application) throws -> IngressConfig {
        var config = IngressConfig.fromEnvironment(app.config, [:])
        config.image = traefikImage
        config.bindAddress = "127.0.0.1"
        config.httpPort = FreePort.next()
        config.httpsPort = FreePort.next()
        config.internalURL = "http://172.17.0.1:9"
        // Nothing outside this machine: an ACME server address where nothing listens.
        config.acmeCAServer = "https://127.0.0.1:9/dir"
        return config
    }

    @Test("The ingress runs Traefik without the Docker socket, joins organization networks, and the route table follows the tasks")
    func ingress() async throws {
        try await TestApp.withApp { app in
            let (docker, fixtures, client) = try await Self.setUp(app)
            guard (try? await docker.images.inspect(Self.traefikImage)) != nil else {
                Issue.record("the Traefik image \(Self.traefikImage) is missing: scripts/lib/dockerd.sh builds it (dockerd_ensure_traefik_image)")
                return
            }
            let slug = "local"
            let name = IngressManager.containerName(slug)
            let manager = IngressManager(docker: docker, db: app.db, config: try Self.ingressConfig(app), port: 8080, logger: app.logger)
            _ = try? await docker.containers.remove(name, force: true)
            let id = try #require(try await fixtures.createApp(app, token: client)["id"] as? String)
            do {
                let containerID = try await manager.ensure(locationSlug: slug)
                #expect(try await manager.ensure(locationSlug: slug) == containerID, "a second ensure keeps the running ingress")
                let container = try await docker.containers.inspect(name)
                #expect(container.state?.running == true)
                #expect(container.hostConfig?.privileged != true)
                #expect(container.mounts?.allSatisfy { !($0.source ?? "").hasSuffix("docker.sock") } ?? true, "no Docker socket in Traefik")
                let flags = container.config?.cmd ?? []
                #expect(flags.contains("--global.checkNewVersion=false") && flags.contains("--global.sendAnonymousUsage=false"))
                #expect(!flags.contains { $0.hasPrefix("--api") }, "no API or dashboard")
                #expect(flags.contains("--providers.http.endpoint=http://172.17.0.1:9/internal/traefik/local"))
                let directory = app.config.dataDirectory + "/ingress/local"
                let mode = try FileManager.default.attributesOfItem(atPath: directory)[.posixPermissions] as? Int
                #expect(mode == 0o700, "ACME storage directory is private")

                // A deploy creates the organization network; the ingress joins it at once.
                #expect(try await app.send(.POST, "/api/paas/apps/\(id)/deploy", token: client, json: #"{"image": "\#(Self.image)"}"#).status == .created)
                let tenant = try #require(try await TenantApp.find(UUID(uuidString: id), on: app.db))
                let network = PlatformNames.organizationNetwork(tenant.organizationID.uuidString)
                #expect(try await docker.containers.inspect(name).networkSettings?.networks?[network] != nil)
                _ = try await Self.waitFor(app, id, client) { Self.runningTasks($0).count == 1 }

                // Traefik's view: only with the location's token, and with the task's address.
                let token = try await IngressToken.issue(for: slug, on: app.db)
                #expect(try await app.send(.GET, "/internal/traefik/local").status == .notFound)
                #expect(try await app.send(.GET, "/internal/traefik/local", headers: [(IngressToken.header, "guess")]).status == .notFound)
                #expect(try await app.send(.GET, "/internal/traefik/local", token: client).status == .notFound)
                var routes: [String: Any] = [:]
                for _ in 0..<20 {
                    let response = try await app.send(.GET, "/internal/traefik/local", headers: [(IngressToken.header, token)])
                    #expect(response.status == .ok)
                    #expect(!response.body.string.contains("\\/"), "Traefik parses YAML: no escaped slashes")
                    routes = ((try response.json()["http"] as? [String: Any])?["services"] as? [String: Any]) ?? [:]
                    if routes["app-\(id)"] != nil { break }
                    try await Task.sleep(for: .milliseconds(500))
                }
                let servers = (((routes["app-\(id)"] as? [String: Any])?["loadBalancer"] as? [String: Any])?["servers"] as? [[String: Any]]) ?? []
                #expect(servers.count == 1 && (servers.first?["url"] as? String)?.hasPrefix("http://10.200.") == true, "\(routes)")

                // Scaled to zero, the app's hostnames go to the status page.
                #expect(try await app.send(.POST, "/api/paas/apps/\(id)/scale", token: client, json: #"{"web": 0}"#).status == .ok)
                _ = try await Self.waitFor(app, id, client) { Self.runningTasks($0).isEmpty }
                try await Task.sleep(for: .milliseconds(1100))
                let idle = try await app.send(.GET, "/internal/traefik/local", headers: [(IngressToken.header, token)]).json()
                let middlewares = ((idle["http"] as? [String: Any])?["middlewares"] as? [String: Any]) ?? [:]
                #expect(((middlewares["paas-status-\(id)"] as? [String: Any])?["replacePath"] as? [String: Any])?["path"] as? String == "/_paas/status/no-processes/\(tenant.name)")
                let page = try await app.send(.GET, "/_paas/status/no-processes/\(tenant.name)")
                #expect(page.status == .serviceUnavailable && page.body.string.contains("This app is not running"))

                // Settings changed: the ingress is recreated, and the reconcile pass restarts a stopped one.
                var changed = try Self.ingressConfig(app)
                changed.httpPort = FreePort.next()
                let recreated = try await IngressManager(docker: docker, db: app.db, config: changed, port: 8080, logger: app.logger).ensure(locationSlug: slug)
                #expect(recreated != containerID)
                #expect(try await docker.containers.inspect(name).networkSettings?.networks?[network] != nil,
                        "a recreated ingress joins the organization networks again")
                try await docker.containers.stop(name)
                try await manager.reconcile()
                #expect(try await docker.containers.inspect(name).state?.running == true)
                #expect(try await docker.containers.inspect(name).networkSettings?.networks?[network] != nil)
            } catch {
                Issue.record(error)
            }
            _ = try? await docker.containers.remove(name, force: true)
            _ = try await app.send(.DELETE, "/api/paas/apps/\(id)", token: client)
        }
    }
}
