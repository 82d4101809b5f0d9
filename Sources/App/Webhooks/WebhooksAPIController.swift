import Fluent
import Vapor

/// `/api/paas/apps/:id/webhooks`: an app's webhooks, for its organization's members.
struct WebhooksAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let webhooks = routes.grouped("api", "paas", "apps", ":id", "webhooks").grouped(RequireSignIn())
        webhooks.get(use: list)
        webhooks.post(use: create)
        webhooks.delete(":webhook", use: delete)
    }

    @Sendable func list(req: Request) async throws -> [WebhookDTO] {
        let appID = try req.idParameter("id", "App")
        let app = try await AppService(req: req).find(appID)
        return try await WebhookService(req: req).list(of: app).map { WebhookDTO($0, app: app, box: req.application.secretBox) }
    }

    @Sendable func create(req: Request) async throws -> Response {
        let appID = try req.idParameter("id", "App")
        let created = try await WebhookService(req: req).create(appID: appID, try req.content.decode(WebhookService.CreateInput.self))
        let dto = WebhookDTO(created.webhook, app: created.app, box: req.application.secretBox)
        let body = WebhookDTO.Created(webhook: dto, url: created.url, secret: created.signingSecret,
                                      setup: WebhookSetup.instructions(created.webhook.kind, branch: dto.branch))
        let response = try await body.encodeResponse(for: req)
        response.status = .created
        // The secrets are in this body only: no cache may keep a copy.
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    @Sendable func delete(req: Request) async throws -> HTTPStatus {
        try await WebhookService(req: req).delete(try req.idParameter("webhook", "Webhook"), appID: try req.idParameter("id", "App"))
        return .noContent
    }
}
