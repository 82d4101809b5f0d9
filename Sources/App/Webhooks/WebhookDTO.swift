import Foundation
import PaaSCore
import Vapor

/// A webhook as its owner sees it; the delivery URL and signing secret appear only in `Created`.
struct WebhookDTO: Content {
    let id: String
    let appId: String
    let provider: String
    let providerName: String
    /// The clone URL with any credentials in it replaced.
    let repositoryUrl: String?
    let repository: String?
    let branch: String
    let active: Bool
    let lastDeliveryAt: Date?
    let lastDeliveryStatus: String?
    let createdAt: Date?

    init(_ webhook: Webhook, app: TenantApp, box: SecretBox) {
        id = webhook.id?.uuidString.lowercased() ?? ""
        appId = webhook.$app.id.uuidString.lowercased()
        provider = webhook.provider
        providerName = webhook.kind.displayName
        repositoryUrl = webhook.cloneURLSealed.flatMap { try? box.open($0) }.map(BuildpackSource.redacted)
        repository = webhook.repository
        branch = webhook.trackedBranch(of: app)
        active = webhook.isActive
        lastDeliveryAt = webhook.lastDeliveryAt
        lastDeliveryStatus = webhook.lastDeliveryStatus
        createdAt = webhook.createdAt
    }

    /// The answer to a create: the only time the secrets exist outside the database's seal and hash.
    struct Created: Content {
        let webhook: WebhookDTO
        let url: String
        let secret: String
        /// Where the secret goes on the provider's side.
        let setup: String
    }
}
