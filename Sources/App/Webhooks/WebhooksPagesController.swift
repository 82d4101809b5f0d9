import Fluent
import Vapor

/// `/apps/:id/webhooks`: the page behind the API's webhook endpoints, through the same service.
struct WebhooksPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let webhooks = routes.grouped("apps", ":id", "webhooks").grouped(RequireSignIn(redirectToLogin: true))
        webhooks.get(use: list)
        webhooks.post(use: create)
        webhooks.post(":webhook", "delete", use: delete)
    }

    struct CreateForm: Content {
        var provider: String?
        var repositoryUrl: String?
        var repository: String?
        var branch: String?

        // Forms are not decoded with the JSON key strategy.
        enum CodingKeys: String, CodingKey {
            case provider, repositoryUrl = "repository_url", repository, branch
        }
    }

    @Sendable func list(req: Request) async throws -> Response {
        WebhookViews.page(try await model(req).view).response(for: req)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let appID = try req.idParameter("id", "App")
        let form = try req.content.decode(CreateForm.self)
        do {
            let created = try await WebhookService(req: req).create(appID: appID, .init(provider: form.provider ?? "", repositoryUrl: form.repositoryUrl,
                                                                                          repository: form.repository, branch: form.branch))
            var model = try await model(req)
            let dto = WebhookDTO(created.webhook, app: model.app, box: req.application.secretBox)
            model.view.created = .init(webhook: dto, url: created.url, secret: created.signingSecret,
                                       setup: WebhookSetup.instructions(created.webhook.kind, branch: dto.branch))
            let response = WebhookViews.page(model.view).response(for: req)
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
            return response
        } catch let error as AppError where error.status != .internalServerError && error.status != .notFound {
            var model = try await model(req)
            model.view.form = form
            let field = ["provider", "repository_url", "repository", "branch"].contains(error.field ?? "") ? error.field! : "form"
            model.view.errors = [field: error.message]
            var page = WebhookViews.page(model.view)
            page.status = error.status
            return page.response(for: req)
        }
    }

    @Sendable func delete(req: Request) async throws -> Response {
        let appID = try req.idParameter("id", "App")
        try await WebhookService(req: req).delete(try req.idParameter("webhook", "Webhook"), appID: appID)
        return req.redirect(to: "/apps/\(appID.uuidString.lowercased())/webhooks", flash: .success, "The webhook was deleted; its URL deploys nothing any more.")
    }

    private func model(_ req: Request) async throws -> (app: TenantApp, view: WebhookViews.Model) {
        let appID = try req.idParameter("id", "App")
        let app = try await AppService(req: req).find(appID)
        let webhooks = try await WebhookService(req: req).list(of: app).map { WebhookDTO($0, app: app, box: req.application.secretBox) }
        return (app, WebhookViews.Model(appID: appID.uuidString.lowercased(), appName: app.name, deployBranch: app.deployBranch, webhooks: webhooks))
    }
}
