import DockerEngine
import Fluent
import Foundation
import PaaSCore
import Vapor

/// Admin use cases for nodes, shared by the API and the pages.
struct NodeService {
    let req: Request

    struct Input: Content {
        var name: String?
        var ipv4: String?
        var sshPort: Int?
        var sshUser: String?
        var password: String?
        var locationId: String?
        var roles: [String]?
    }

    /// Creates the `pending` record and its one-time tickets. With a password, the automatic
    /// install starts at once; the password goes to that run and nowhere else.
    func create(_ input: Input) async throws -> NodeInstallTicketDTO {
        let terms: NodeTerms
        let password: String?
        do {
            terms = try NodeTerms.validate(name: input.name ?? "", ipv4: input.ipv4 ?? "", sshPort: input.sshPort,
                                           sshUser: input.sshUser, roles: input.roles)
            password = try NodeTerms.validatePassword(input.password)
        } catch {
            throw AppError.invalid(error.field, error.message)
        }
        guard let locationID = input.locationId.flatMap(UUID.init(uuidString:)),
              let location = try await Location.find(locationID, on: req.db) else {
            throw AppError.invalid("location_id", "Choose the location the node is in (GET /api/admin/paas/locations).")
        }
        let clash = try await WorkerNode.query(on: req.db).filter(\.$ipv4 == terms.ipv4).filter(\.$status != NodeStatus.removed).first()
        if let clash {
            throw AppError.conflict("node_exists", "The node \(clash.name) already has the address \(terms.ipv4).", field: "ipv4")
        }
        let node = WorkerNode()
        node.id = UUID()
        node.name = terms.name
        node.ipv4 = terms.ipv4
        node.sshPort = terms.sshPort
        node.sshUser = terms.sshUser
        node.roles = terms.roles.joined(separator: ",")
        node.status = NodeStatus.pending
        node.$location.id = try location.requireID()
        node.cpuCapacityMillis = 0; node.memoryCapacityMB = 0
        node.cpuAllocatedMillis = 0; node.memoryAllocatedMB = 0; node.taskCount = 0
        let issued = try NodeTickets.issue(for: node, box: req.application.secretBox)
        try await node.create(on: req.db)
        try await req.audit("node.create", target: ("node", node.id!.uuidString),
                            details: "name=\(node.name) ipv4=\(node.ipv4) location=\(location.slug) roles=\(node.roles)")
        let ticket = try await ticket(for: node, location: location, issued: issued)
        if let password {
            try await NodeInstaller(app: req.application).start(nodeID: node.id!, password: password, request: req)
        }
        return ticket
    }

    /// New tickets for a node not yet installed: the old link and token stop working.
    func reissue(id: UUID) async throws -> NodeInstallTicketDTO {
        let node = try await find(id)
        guard NodeLifecycle.canInstall(node.status) else {
            throw AppError.conflict("node_installed", "\(node.name) is \(node.status); install links are only for nodes not yet installed.")
        }
        let issued = try NodeTickets.issue(for: node, box: req.application.secretBox)
        try await node.save(on: req.db)
        try await req.audit("node.tickets", target: ("node", id.uuidString), details: node.name)
        return try await ticket(for: node, location: try await node.$location.get(on: req.db), issued: issued)
    }

    static func password(_ raw: String?) throws -> String? {
        do { return try NodeTerms.validatePassword(raw) } catch { throw AppError.invalid(error.field, error.message) }
    }

    func find(_ id: UUID) async throws -> WorkerNode {
        guard let node = try await WorkerNode.find(id, on: req.db) else { throw AppError.notFound("Node") }
        return node
    }

    func list() async throws -> [WorkerNode] {
        try await WorkerNode.query(on: req.db).filter(\.$status != NodeStatus.removed).sort(\.$name).all()
    }

    private func ticket(for node: WorkerNode, location: Location, issued: NodeTickets.Issued) async throws -> NodeInstallTicketDTO {
        let url = NodeTickets.installURL(req.application.config, scriptToken: issued.scriptToken)
        let script = try await NodeScriptRenderer(app: req.application, db: req.db)
            .script(for: node, location: location, registrationToken: issued.registrationToken)
        return NodeInstallTicketDTO(node: NodeDTO(node), installURL: url, installCommand: "curl -fsSL \(url) | bash",
                                    registrationToken: issued.registrationToken, installScript: script)
    }
}
