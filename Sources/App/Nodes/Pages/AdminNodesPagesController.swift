import Fluent
import Vapor

/// `/admin/nodes`: the pages over the same use cases as the admin nodes API.
struct AdminNodesPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let nodes = routes.grouped("admin", "nodes").grouped(RequireSignIn(adminOnly: true, redirectToLogin: true))
        nodes.get(use: list)
        nodes.post(use: create)
        nodes.get(":id", use: show)
        nodes.post(":id", "install", use: install)
        nodes.post(":id", "tickets", use: tickets)
        nodes.post(":id", "drain", use: drain)
        nodes.post(":id", "activate", use: activate)
        nodes.post(":id", "delete", use: remove)
    }

    @Sendable func list(req: Request) async throws -> Response {
        try await listPage(req, form: NodeService.Input(sshPort: 22, sshUser: "root", roles: ["worker"]), errors: [:]).response(for: req)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let form = try req.content.decode(NodeForm.self)
        do {
            let ticket = try await NodeService(req: req).create(form.input)
            // The install command is shown once, so this answer is the node page itself.
            return try await detailPage(req, id: UUID(uuidString: ticket.node.id)!, ticket: ticket).response(for: req)
        } catch let error as AppError where error.status != .internalServerError {
            var page = try await listPage(req, form: form.redisplay, errors: [error.field ?? "form": error.message])
            page.status = error.status
            return page.response(for: req)
        }
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await detailPage(req, id: req.idParameter("id", "Node"), ticket: nil).response(for: req)
    }

    @Sendable func install(req: Request) async throws -> Response {
        let id = try req.idParameter("id", "Node")
        let form = try req.content.decode(NodeForm.self)
        return try await act(req, id) {
            guard let password = try NodeService.password(form.password) else {
                throw AppError.invalid("password", "Type the SSH password to install over SSH.")
            }
            try await NodeInstaller(app: req.application).start(nodeID: id, password: password, request: req)
            return "The install started; its output follows below."
        }
    }

    @Sendable func tickets(req: Request) async throws -> Response {
        let id = try req.idParameter("id", "Node")
        do {
            let ticket = try await NodeService(req: req).reissue(id: id)
            return try await detailPage(req, id: id, ticket: ticket).response(for: req)
        } catch let error as AppError where error.status == .conflict {
            return req.redirect(to: "/admin/nodes/\(id.uuidString.lowercased())", flash: .error, error.message)
        }
    }

    @Sendable func drain(req: Request) async throws -> Response {
        let id = try req.idParameter("id", "Node")
        return try await act(req, id) {
            let node = try await NodeService(req: req).find(id)
            try await NodeOperations(app: req.application, db: req.db).drain(node, wait: .seconds(5))
            try await req.audit("node.drain", target: ("node", id.uuidString), details: node.name)
            return node.status == NodeStatus.drained ? "\(node.name) is drained." : "\(node.name) is draining: \(node.taskCount) tasks left to move."
        }
    }

    @Sendable func activate(req: Request) async throws -> Response {
        let id = try req.idParameter("id", "Node")
        return try await act(req, id) {
            let node = try await NodeService(req: req).find(id)
            try await NodeOperations(app: req.application, db: req.db).activate(node)
            try await req.audit("node.activate", target: ("node", id.uuidString), details: node.name)
            return "\(node.name) takes new tasks again."
        }
    }

    @Sendable func remove(req: Request) async throws -> Response {
        let id = try req.idParameter("id", "Node")
        return try await act(req, id) {
            let node = try await NodeService(req: req).find(id)
            // "Remove anyway" sends force: the page offers it only while tasks run there.
            let force = (try? req.content.decode(NodeForm.self))?.force == "1"
            try await NodeOperations(app: req.application, db: req.db).remove(node, force: force)
            try await req.audit("node.remove", target: ("node", id.uuidString), details: "name=\(node.name) force=\(force)")
            return "\(node.name) was removed from the cluster." + (node.lastError.map { " \($0)" } ?? "")
        }
    }

    /// Runs an action and returns to the node page with its outcome as a flash message.
    private func act(_ req: Request, _ id: UUID, _ action: () async throws -> String) async throws -> Response {
        let path = "/admin/nodes/\(id.uuidString.lowercased())"
        do {
            return req.redirect(to: path, flash: .success, try await action())
        } catch let error as AppError where error.status != .internalServerError && error.status != .notFound {
            return req.redirect(to: path, flash: .error, error.message)
        }
    }

    private func listPage(_ req: Request, form: NodeService.Input, errors: [String: String]) async throws -> Page {
        let hub = req.application.installLogs
        let nodes = try await NodeService(req: req).list().map { NodeDTO($0, installing: hub.isRunning($0.id!)) }
        return NodeViews.list(.init(nodes: nodes, locations: try await LocationQueries.all(on: req.db), form: form, errors: errors))
    }

    private func detailPage(_ req: Request, id: UUID, ticket: NodeInstallTicketDTO?) async throws -> Page {
        let node = try await NodeService(req: req).find(id)
        let location = try await node.$location.get(on: req.db)
        let detail = try await NodeDetailDTO.of(node, installing: req.application.installLogs.isRunning(id), on: req.db)
        let tasks = await NodeTasks.rows(on: node.swarmNodeID, docker: req.application.docker)
        return NodeDetailViews.page(.init(node: detail.node, locationName: location.name, installLog: detail.installLog,
                                          ingress: detail.ingress, ticket: ticket, tasks: tasks))
    }
}
