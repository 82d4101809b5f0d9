import Fluent
import Foundation
import PaaSCore
import Vapor

/// `POST /api/paas/webhooks/:secret`: where git hosts deliver. The URL's secret finds the webhook;
/// the signature proves the sender; only a push to the tracked branch builds. Every answer says
/// in words what happened, since providers show it in their delivery logs.
struct WebhookDeliveryController: RouteCollection {
    /// GitHub caps payloads at 25 MB, but a push's is a few kilobytes per commit.
    static let maxBody: ByteCount = "5mb"

    struct Answer: Content {
        let status: String
        let message: String
        let deploymentId: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.on(.POST, "api", "paas", "webhooks", ":secret", body: .collect(maxSize: Self.maxBody), use: deliver)
    }

    @Sendable func deliver(req: Request) async throws -> Response {
        let secret = req.parameters.get("secret") ?? ""
        guard secret.hasPrefix("whk_"), let webhook = try await Webhook.query(on: req.db).filter(\.$secretHash == SecureToken.hash(secret)).first(),
              webhook.isActive else {
            throw AppError(.notFound, code: "not_found", "There is no webhook at this URL.")
        }
        let provider = webhook.kind
        let raw = req.body.data.map { Data(buffer: $0) } ?? Data()
        if let refusal = WebhookSignature.refusal(provider, headers: req.headers, body: raw, secret: try req.application.secretBox.open(webhook.secretSealed)) {
            try await record(webhook, "refused: the signature did not match", on: req.db)
            throw AppError(.unauthorized, code: "bad_signature", refusal)
        }
        let reading: WebhookPayload.Reading
        do {
            reading = try WebhookPayload.read(provider, event: provider.eventHeader.flatMap { req.headers.first(name: $0) }, body: Self.payload(raw, req))
        } catch {
            try await record(webhook, "refused: \(error.message)", on: req.db)
            throw AppError.invalid(error.field, error.message)
        }
        guard let app = try await TenantApp.query(on: req.db).filter(\.$id == webhook.$app.id)
            .filter(\.$organizationID == webhook.organizationID).with(\.$plan).with(\.$location).first() else {
            throw AppError(.notFound, code: "not_found", "There is no webhook at this URL.")
        }
        let branch = webhook.trackedBranch(of: app)
        switch reading {
        case .ping:
            try await record(webhook, "ping", on: req.db)
            return try await answer(.ok, Answer(status: "pong", message: "The webhook is set up: pushes to \(branch) deploy \(app.name).", deploymentId: nil), req)
        case .ignored(let why):
            try await record(webhook, "ignored: \(why)", on: req.db)
            return try await answer(.accepted, Answer(status: "ignored", message: why, deploymentId: nil), req)
        case .push(let push):
            if let wanted = webhook.repository, wanted.lowercased() != push.repository?.lowercased() {
                let named = push.repository.map { "is for \($0)" } ?? "names no repository"
                try await record(webhook, "refused: the delivery \(named)", on: req.db)
                throw AppError.invalid("repository", "The delivery \(named), but this webhook deploys from \(wanted) only.")
            }
            if push.ref != nil, push.branch != branch {
                let why = "The push is to \(push.branch ?? push.ref ?? "?"); this webhook deploys \(branch) only."
                try await record(webhook, "ignored: \(why)", on: req.db)
                return try await answer(.accepted, Answer(status: "ignored", message: why, deploymentId: nil), req)
            }
            do {
                let queued = try await WebhookDeploy(req: req, webhook: webhook).start(push, app: app)
                let short = String(queued.commit.prefix(7))
                try await record(webhook, "queued \(short)", on: req.db)
                return try await answer(.accepted, Answer(status: "queued", message: "Building \(short) of \(queued.branch) for \(app.name); the log is on the app's deployments page.",
                                                          deploymentId: try queued.deployment.requireID().uuidString.lowercased()), req)
            } catch let error as AppError {
                try await record(webhook, "failed: \(error.message)", on: req.db)
                throw error
            }
        }
    }

    /// GitHub's form content type wraps the JSON in `payload=`; the signature is over the form body.
    static func payload(_ raw: Data, _ req: Request) -> Data {
        guard req.headers.contentType == .urlEncodedForm, let form = String(data: raw, encoding: .utf8), form.hasPrefix("payload=") else { return raw }
        let value = String(form.dropFirst("payload=".count)).replacingOccurrences(of: "+", with: " ")
        return Data((value.removingPercentEncoding ?? value).utf8)
    }

    private func record(_ webhook: Webhook, _ status: String, on db: any Database) async throws {
        webhook.lastDeliveryAt = Date()
        webhook.lastDeliveryStatus = String(status.prefix(300))
        try await webhook.save(on: db)
    }

    private func answer(_ status: HTTPResponseStatus, _ body: Answer, _ req: Request) async throws -> Response {
        let response = try await body.encodeResponse(for: req)
        response.status = status
        return response
    }
}
