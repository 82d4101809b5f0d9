import Vapor

/// `/api/admin/paas/nodes`: add, install, follow, drain and remove worker nodes. Admins only.
struct AdminNodesAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let nodes = routes.grouped("api", "admin", "paas", "nodes").grouped(RequireSignIn(adminOnly: true))
        nodes.get(use: list)
        nodes.post(use: create)
        nodes.get(":id", use: show)
        nodes.delete(":id", use: remove)
        nodes.post(":id", "install", use: install)
        nodes.get(":id", "install", "stream", use: NodeInstallStream.stream)
        nodes.post(":id", "tickets", use: tickets)
        nodes.post(":id", "drain", use: drain)
        nodes.post(":id", "activate", use: activate)
    }

    struct InstallInput: Content {
        var password: String?
    }

    @Sendable func list(req: Request) async throws -> [NodeDTO] {
        try await NodeService(req: req).list().map { NodeDTO($0, installing: req.application.installLogs.isRunning($0.id!)) }
    }

    @Sendable func create(req: Request) async throws -> Response {
        let ticket = try await NodeService(req: req).create(try req.content.decode(NodeService.Input.self))
        let response = try await ticket.encodeResponse(for: req)
        response.status = .created
        return response
    }

    @Sendable func show(req: Request) async throws -> NodeDetailDTO {
        let node = try await NodeService(req: req).find(req.idParameter("id", "Node"))
        return try await NodeDetailDTO.of(node, installing: req.application.installLogs.isRunning(node.id!), on: req.db)
    }

    @Sendable func install(req: Request) async throws -> Response {
        let id = try req.idParameter("id", "Node")
        _ = try await NodeService(req: req).find(id)
        let input = try req.content.decode(InstallInput.self)
        guard let password = try NodeService.password(input.password) else {
            throw AppError.invalid("password", "Give the SSH password of the node's user; it is used for this install only and never stored.")
        }
        try await NodeInstaller(app: req.application).start(nodeID: id, password: password, request: req)
        let response = try await NodeDTO(try await NodeService(req: req).find(id), installing: true).encodeResponse(for: req)
        response.status = .accepted
        return response
    }

    @Sendable func tickets(req: Request) async throws -> NodeInstallTicketDTO {
        try await NodeService(req: req).reissue(id: req.idParameter("id", "Node"))
    }

    @Sendable func drain(req: Request) async throws -> NodeDTO {
        let node = try await NodeService(req: req).find(req.idParameter("id", "Node"))
        let wait = min(max(req.query[Int.self, at: "wait"] ?? 0, 0), 120)
        try await NodeOperations(app: req.application, db: req.db).drain(node, wait: .seconds(wait))
        try await req.audit("node.drain", target: ("node", node.id!.uuidString), details: "name=\(node.name) tasks_left=\(node.taskCount)")
        return NodeDTO(node)
    }

    @Sendable func activate(req: Request) async throws -> NodeDTO {
        let node = try await NodeService(req: req).find(req.idParameter("id", "Node"))
        try await NodeOperations(app: req.application, db: req.db).activate(node)
        try await req.audit("node.activate", target: ("node", node.id!.uuidString), details: node.name)
        return NodeDTO(node)
    }

    @Sendable func remove(req: Request) async throws -> NodeDTO {
        let node = try await NodeService(req: req).find(req.idParameter("id", "Node"))
        let force = ["1", "true", "yes"].contains((req.query[String.self, at: "force"] ?? "").lowercased())
        try await NodeOperations(app: req.application, db: req.db).remove(node, force: force)
        try await req.audit("node.remove", target: ("node", node.id!.uuidString), details: "name=\(node.name) force=\(force)")
        return NodeDTO(node)
    }
}
