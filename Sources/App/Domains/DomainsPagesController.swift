import Fluent
import Vapor

/// `/apps/:id/domains`: an app's hostnames, the DNS records each still needs, and its
/// certificate. Every change goes through DomainService, as the API's do.
struct DomainsPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let domains = routes.grouped("apps", ":id", "domains").grouped(RequireSignIn(redirectToLogin: true))
        domains.get(use: list)
        domains.post(use: add)
        domains.post(":domain", "verify", use: verify)
        domains.post(":domain", "delete", use: remove)
    }

    struct AddForm: Content {
        var hostname: String?
    }

    @Sendable func list(req: Request) async throws -> Response {
        try await page(req, form: AddForm(), errors: [:]).response(for: req)
    }

    @Sendable func add(req: Request) async throws -> Response {
        let app = try await AppService(req: req).find(req.idParameter("id", "App"))
        let form = try req.content.decode(AddForm.self)
        do {
            let domain = try await DomainService(req: req).add(.init(appId: app.id!.uuidString, hostname: form.hostname ?? ""))
            return req.redirect(to: path(app), flash: .success, "\(domain.hostname) was added. Create the DNS records below, then press Verify.")
        } catch let error as AppError where error.status != .internalServerError && error.status != .notFound {
            var page = try await page(req, form: form, errors: [error.field == "hostname" ? "hostname" : "form": error.message])
            page.status = error.status
            return page.response(for: req)
        }
    }

    @Sendable func verify(req: Request) async throws -> Response {
        let app = try await AppService(req: req).find(req.idParameter("id", "App"))
        let domain = try await DomainService(req: req).verify(try domainID(req, of: app))
        let ok = domain.lastError == nil
        return req.redirect(to: path(app) + "#domain-\(domain.id!.uuidString.lowercased())", flash: ok ? .success : .error,
                            ok ? "\(domain.hostname): \(domain.lifecycleStatus.explanation)" : "\(domain.hostname): \(domain.lastError ?? "")")
    }

    @Sendable func remove(req: Request) async throws -> Response {
        let app = try await AppService(req: req).find(req.idParameter("id", "App"))
        let service = DomainService(req: req)
        let domain = try await service.find(try domainID(req, of: app))
        do {
            try await service.remove(domain.requireID())
            return req.redirect(to: path(app), flash: .success, "\(domain.hostname) was removed; it no longer reaches \(app.name).")
        } catch let error as AppError where error.status == .conflict {
            return req.redirect(to: path(app), flash: .error, error.message)
        }
    }

    /// A domain of this app: another app's id in the URL is not found, as another organization's is.
    private func domainID(_ req: Request, of app: TenantApp) async throws -> UUID {
        let id = try req.idParameter("domain", "Domain")
        guard try await DomainService(req: req).find(id).$app.id == app.id else { throw AppError.notFound("Domain") }
        return id
    }

    private func path(_ app: TenantApp) -> String { "/apps/\(app.id!.uuidString.lowercased())/domains" }

    private func page(_ req: Request, form: AddForm, errors: [String: String]) async throws -> Page {
        let app = try await AppService(req: req).find(req.idParameter("id", "App"))
        let domains = try await DomainQueries.dtos(try await DomainService(req: req).list(appID: app.requireID()), on: req.db)
        return DomainViews.page(.init(appID: app.id!.uuidString.lowercased(), appName: app.name, domains: domains, form: form, errors: errors))
    }
}
