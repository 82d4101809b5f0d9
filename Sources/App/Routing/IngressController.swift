import DockerEngine
import Foundation
import PaaSCore
import Vapor

/// What Traefik talks to: `/internal/traefik/<location>`, its HTTP provider (the location's
/// ingress token required; 404 without it), and `/_paas/status/...`, the page an app with nothing running shows.
struct IngressController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("internal", "traefik", ":location", use: dynamicConfig)
        routes.get("_paas", "status", ":state", ":app", use: status)
    }

    @Sendable func dynamicConfig(req: Request) async throws -> Response {
        let slug = req.parameters.get("location") ?? ""
        let token = req.headers.first(name: IngressToken.header)
        guard let site = try await IngressToken.site(of: token, for: slug, on: req.db) else {
            // As if the path did not exist: a prober learns nothing, not even that it is there.
            throw AppError(.notFound, code: "not_found", "Not found.")
        }
        let settings = try await PlatformSettings.load(on: req.db, config: req.application.config)
        let config: TraefikDynamicConfig
        do {
            // An ingress node fetches the status page where it reaches the control plane at all.
            let statusURL = site == .controlPlane
                ? try await req.application.ingressManager(logger: req.logger, settings: settings).internalURL()
                : req.application.config.publicBaseURL
            config = try await IngressRoutes(db: req.db, docker: req.application.docker, snapshot: req.application.swarmSnapshot)
                .config(locationSlug: slug, statusURL: statusURL, settings: settings)
        } catch let error as DockerError {
            throw AppError.from(error)
        }
        let encoder = JSONEncoder()
        // Traefik reads the answer as YAML, where Foundation's "\/" is not a valid escape.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let response = Response(status: .ok, body: .init(data: try encoder.encode(config)))
        response.headers.contentType = .json
        response.headers.cacheControl = .init(noStore: true)
        return response
    }

    @Sendable func status(req: Request) async throws -> Response {
        let state = RoutedApp.Idle(rawValue: req.parameters.get("state") ?? "") ?? .deploying
        let name = req.parameters.get("app") ?? "This app"
        var page = StatusPage.page(state: state, appName: name)
        page.status = .serviceUnavailable
        let response = page.response(for: req)
        response.headers.replaceOrAdd(name: "Retry-After", value: state == .deploying ? "10" : "300")
        return response
    }
}
