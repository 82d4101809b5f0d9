import Fluent
import Foundation
import PaaSCore
import Vapor

/// An organization's webhooks, always through one of its apps: every query is scoped by the
/// principal's organization, so another tenant's ids answer 404 like unknown ones.
struct WebhookService {
    let req: Request

    /// More than any real set-up needs (a host per environment), and a bound on stored secrets.
    static let maxPerApp = 10

    struct CreateInput: Content {
        var provider: String
        /// The https clone URL; omitted for a signed POST that redeploys what was pushed to the platform.
        var repositoryUrl: String?
        /// `owner/repo` deliveries must name; omitted accepts any.
        var repository: String?
        /// Omitted: the app's deploy branch.
        var branch: String?
    }

    /// A new webhook with its two secrets, which exist in clear only in this answer.
    struct Created {
        let app: TenantApp
        let webhook: Webhook
        let url: String
        let signingSecret: String
    }

    /// The webhooks of an app the caller already found through `AppService`, so in their organization.
    func list(of app: TenantApp) async throws -> [Webhook] {
        try await Webhook.query(on: req.db).filter(\.$organizationID == app.organizationID)
            .filter(\.$app.$id == app.requireID()).sort(\.$createdAt).all()
    }

    func find(_ id: UUID, appID: UUID) async throws -> Webhook {
        let app = try await AppService(req: req).find(appID)
        guard let webhook = try await Webhook.query(on: req.db).filter(\.$id == id)
            .filter(\.$organizationID == app.organizationID).filter(\.$app.$id == appID).first() else {
            throw AppError.notFound("Webhook")
        }
        return webhook
    }

    func create(appID: UUID, _ input: CreateInput) async throws -> Created {
        let app = try await AppService(req: req).find(appID)
        let source = try WebhookSource.validate(input)
        if try await Webhook.query(on: req.db).filter(\.$app.$id == appID).count() >= Self.maxPerApp {
            throw AppError.conflict("webhook_limit", "An app can have at most \(Self.maxPerApp) webhooks; delete one first.", field: "provider")
        }
        let urlSecret = "whk_" + SecureToken.random(), signingSecret = WebhookSignature.newSecret(for: source.provider)
        let box = req.application.secretBox
        let webhook = Webhook()
        webhook.organizationID = app.organizationID
        webhook.$app.id = appID
        webhook.provider = source.provider.rawValue
        webhook.repository = source.repository
        webhook.branch = source.branch
        webhook.cloneURLSealed = try source.cloneURL.map { try box.seal($0) }
        webhook.secretSealed = try box.seal(signingSecret)
        webhook.secretHash = SecureToken.hash(urlSecret)
        webhook.createdBy = try req.requirePrincipal().userID
        webhook.isActive = true
        try await webhook.create(on: req.db)
        try await req.audit("webhook.created", target: ("app", appID.uuidString), details: source.provider.displayName)
        return Created(app: app, webhook: webhook, url: Self.deliveryURL(req.application.config, secret: urlSecret), signingSecret: signingSecret)
    }

    func delete(_ id: UUID, appID: UUID) async throws {
        let webhook = try await find(id, appID: appID)
        try await webhook.delete(on: req.db)
        try await req.audit("webhook.deleted", target: ("app", appID.uuidString), details: webhook.kind.displayName)
    }

    static func deliveryURL(_ config: AppConfig, secret: String) -> String {
        config.publicBaseURL + "/api/paas/webhooks/" + secret
    }
}
