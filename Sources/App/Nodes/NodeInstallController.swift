import Vapor

/// What an install script calls, authenticated by its one-time tokens instead of a sign-in.
struct NodeInstallController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let nodes = routes.grouped("api", "paas", "nodes")
        nodes.get("install", ":token", use: script)
        nodes.post("register", use: register)
        nodes.post("report", use: report)
    }

    @Sendable func script(req: Request) async throws -> Response {
        let text = try await NodeRegistration(app: req.application, db: req.db).script(scriptToken: req.parameters.get("token") ?? "")
        return plain(text, type: "text/x-shellscript; charset=utf-8")
    }

    @Sendable func register(req: Request) async throws -> Response {
        let input = try req.content.decode(NodeRegistration.RegisterInput.self)
        return plain(try await NodeRegistration(app: req.application, db: req.db).register(input), type: "text/plain; charset=utf-8")
    }

    @Sendable func report(req: Request) async throws -> NodeDTO {
        try await NodeRegistration(app: req.application, db: req.db).report(try req.content.decode(NodeRegistration.ReportInput.self))
    }

    private func plain(_ text: String, type: String) -> Response {
        let response = Response(status: .ok, body: .init(string: text))
        response.headers.replaceOrAdd(name: .contentType, value: type)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
