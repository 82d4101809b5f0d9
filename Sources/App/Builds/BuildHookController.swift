import Fluent
import Foundation
import PaaSCore
import Vapor

/// `POST /internal/git/builds`: where an app repository's pre-receive hook sends the pushed tree
/// (see `PreReceiveHook`). Answers with the build log as plain text lines while it happens and a
/// final `@@paas-result ok|failed`. Only the one-time token of a push in progress opens it.
struct BuildHookController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.POST, "internal", "git", "builds", body: .stream, use: build)
    }

    @Sendable func build(req: Request) async throws -> Response {
        guard let token = req.headers.first(name: PreReceiveHook.tokenHeader), let session = await req.application.pushSessions.find(token) else {
            throw AppError(.notFound, code: "not_found", "Nothing here.")
        }
        req.principal = session.principal
        guard let app = try await TenantApp.query(on: req.db).filter(\.$id == session.appID)
            .filter(\.$organizationID == session.principal.organizationID).first() else {
            throw AppError.notFound("App")
        }
        let sha = req.query[String.self, at: "sha"] ?? ""
        let ref = req.query[String.self, at: "ref"] ?? ""
        let archive: [UInt8], deployment: Deployment
        do {
            guard DeployRef.isCommit(sha) else { throw AppError.invalid("sha", "The hook sent no commit.") }
            archive = try await collect(req, limit: req.application.config.builds.maxPushBytes)
            deployment = try await BuildRunner.queue(app, sha: sha, ref: ref, trigger: "push", on: req)
        } catch let refused as AppError {
            // The hook prints the body as `remote:` lines: the reason alone, not the API's JSON.
            return Response(status: refused.status, headers: ["Content-Type": "text/plain; charset=utf-8"],
                            body: .init(string: " !     \(refused.message)\n"))
        }
        let deploymentID = try deployment.requireID()
        let logs = req.application.buildLogs
        guard let follow = await logs.follow(deploymentID) else { throw AppError.notFound("Build") }
        // The build belongs to the platform, not to this request: a client that hangs up mid-push
        // does not leave a half-made release behind.
        let outcome = Task { await BuildRunner(req: req, app: app, deployment: deployment).run(archive: archive) }
        let body = Response.Body(asyncStream: { writer in
            for await line in follow { try? await writer.write(.buffer(ByteBuffer(string: line + "\n"))) }
            let ok = await outcome.value
            try? await writer.write(.buffer(ByteBuffer(string: "\(PreReceiveHook.resultMarker) \(ok ? "ok" : "failed")\n")))
            try? await writer.write(.end)
        })
        return Response(status: .ok, headers: ["Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-cache"], body: body)
    }

    private func collect(_ req: Request, limit: Int64) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await chunk in req.body {
            bytes += chunk.readableBytesView
            if bytes.count > limit {
                let size = limit >= 1 << 20 ? "\(limit >> 20) MB" : "\(limit >> 10) KB"
                throw AppError(.payloadTooLarge, code: "push_too_large",
                               "The pushed tree is \(size) or more unpacked, the platform's limit; keep large files out of the repository.")
            }
        }
        return bytes
    }
}
