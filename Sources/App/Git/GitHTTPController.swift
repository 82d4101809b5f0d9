import Fluent
import Foundation
import PaaSCore
import Vapor

/// Smart-HTTP git at `/git/<app>.git` (DESIGN.md decision 6). The password of HTTP Basic auth is an
/// API token (any user name, as on Heroku); the app is looked up in the token's organization only,
/// so another organization's app answers exactly like one that does not exist.
struct GitHTTPController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let git = routes.grouped("git", ":repo")
        git.get("info", "refs", use: serve)
        git.on(.POST, "git-upload-pack", body: .stream, use: serve)
        git.on(.POST, "git-receive-pack", body: .stream, use: serve)
    }

    @Sendable func serve(req: Request) async throws -> Response {
        do {
            let principal = try await authenticate(req)
            let app = try await findApp(req, organizationID: principal.organizationID)
            let repositories = GitRepositories(application: req.application, db: req.db)
            let repo = try await repositories.ensure(app)
            let service = req.url.path.hasSuffix("/git-receive-pack") ? "receive-pack"
                : req.url.path.hasSuffix("/git-upload-pack") ? "upload-pack" : nil
            var hookEnvironment: [String: String] = [:]
            var token: String?
            if service == "receive-pack" {
                let opened = await req.application.pushSessions.open(.init(principal: principal, appID: try app.requireID()))
                token = opened
                hookEnvironment = [
                    "PAAS_HOOK_URL": Self.hookURL(req.application), "PAAS_PUSH_TOKEN": opened,
                    "PAAS_DEPLOY_REFS": DeployRef.refs(deployBranch: app.deployBranch).joined(separator: " "),
                ]
            }
            let pushToken = token
            let backend = GitHTTPBackend(req: req, projectRoot: repositories.root, hookEnvironment: hookEnvironment)
            let sessions = req.application.pushSessions
            let db = req.db
            let application = req.application
            return try await backend.respond(
                pathInfo: "/\(GitRepositories.directoryName(try app.requireID()))/" + Self.suffix(of: req.url.path),
                remoteUser: principal.user.email, maxBodyBytes: req.application.config.builds.maxPushBytes + 1024 * 1024,
                onFinish: {
                    guard let pushToken else { return }
                    await sessions.close(pushToken)
                    try? await GitRepositories(application: application, db: db).recordPush(repo)
                })
        } catch let failure as GitFailure {
            return failure.response
        }
    }

    private func authenticate(_ req: Request) async throws -> Principal {
        guard let basic = req.headers.basicAuthorization, !basic.password.isEmpty else {
            throw GitFailure(.unauthorized, "Sign in with any user name and an API token as the password (create one under Account → API tokens).")
        }
        guard let principal = try await PrincipalMiddleware.principal(forToken: basic.password, on: req.db) else {
            throw GitFailure(.unauthorized, "The API token is unknown, revoked or expired.")
        }
        return principal
    }

    private func findApp(_ req: Request, organizationID: UUID) async throws -> TenantApp {
        let raw = req.parameters.get("repo") ?? ""
        let name = raw.hasSuffix(".git") ? String(raw.dropLast(4)) : raw
        guard let app = try await TenantApp.query(on: req.db).filter(\.$name == name).filter(\.$organizationID == organizationID).first() else {
            throw GitFailure(.notFound, "No app named \"\(name)\" in your organization. Check the remote URL on the app's page.")
        }
        return app
    }

    /// What follows `/git/<app>.git/`: only the three smart-HTTP endpoints are routed here.
    static func suffix(of path: String) -> String {
        for suffix in ["info/refs", "git-upload-pack", "git-receive-pack"] where path.hasSuffix("/" + suffix) { return suffix }
        return ""
    }

    /// The hook calls back on loopback: the control plane always listens there, even when it is
    /// also bound to a public address.
    static func hookURL(_ application: Application) -> String {
        let configuration = application.http.server.configuration
        let host = ["0.0.0.0", "::", "", "localhost"].contains(configuration.hostname) ? "127.0.0.1" : configuration.hostname
        let port = application.http.server.shared.localAddress?.port ?? configuration.port
        return "http://\(host):\(port)/internal/git/builds"
    }
}

/// A refusal git prints to the user: a plain-text body is shown as `remote:` lines.
struct GitFailure: Error {
    let status: HTTPResponseStatus
    let message: String

    init(_ status: HTTPResponseStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    var response: Response {
        var headers = HTTPHeaders([("Content-Type", "text/plain; charset=utf-8")])
        if status == .unauthorized { headers.add(name: .wwwAuthenticate, value: #"Basic realm="paas git""#) }
        return Response(status: status, headers: headers, body: .init(string: message + "\n"))
    }
}
