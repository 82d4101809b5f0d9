import DockerEngine
import Fluent
import Foundation
import PaaSCore
import SQLKit
import Vapor

/// The calls an install script makes with its one-time credentials: fetch the script, register
/// (certificate + Swarm join token, once), and report the joined Swarm node.
struct NodeRegistration {
    let app: Application
    let db: any Database
    var now: Date = Date()

    struct RegisterInput: Content {
        var token: String?
        var csr: String?
        var hostname: String?
        var cpus: Int?
        var memoryMb: Int?
    }

    struct ReportInput: Content {
        var token: String?
        var swarmNodeId: String?
        var engineVersion: String?
        var mode: String?
    }

    /// The script behind a one-time install URL.
    func script(scriptToken: String) async throws -> String {
        guard let node = try await WorkerNode.query(on: db).filter(\.$scriptTokenHash == SecureToken.hash(scriptToken)).first() else {
            throw AppError(.notFound, code: "install_link_unknown", NodeTicket.Refusal.unknown.message)
        }
        try refuseIfClosed(NodeTicket.check(expiresAt: node.registrationExpiresAt, usedAt: node.scriptUsedAt, now: now))
        try refuseIfClosed(NodeTicket.check(expiresAt: node.registrationExpiresAt, usedAt: node.registrationUsedAt, now: now))
        guard try await claim("script_used_at", of: node) else { throw refusal(.used) }
        guard let token = try NodeTickets.openRegistrationToken(of: node, box: app.secretBox) else { throw refusal(.unknown) }
        try await Activity.record("node.script_downloaded", on: db, request: nil, principal: nil, target: ("node", node.id!.uuidString), details: node.name)
        return try await NodeScriptRenderer(app: app, db: db).script(for: node, location: node.$location.get(on: db), registrationToken: token)
    }

    /// Signs the node's CSR and hands out what joining needs, as `key=value` lines the script reads.
    func register(_ input: RegisterInput) async throws -> String {
        let node = try await node(forToken: input.token)
        try refuseIfClosed(NodeTicket.check(expiresAt: node.registrationExpiresAt, usedAt: node.registrationUsedAt, now: now))
        guard let csr = input.csr, !csr.isEmpty else { throw AppError.invalid("csr", "Send the node's certificate request (csr).") }
        let ca = try await PlatformCA.load(on: db, box: app.secretBox, now: now)
        let certificate = try ca.issueNodeCertificate(csrPEM: csr, nodeID: node.id!, ipv4: node.ipv4, now: now)
        let swarm = try await NodeBootstrap.dockerCall(app.docker, "read the Swarm's join token") { try await app.docker.swarm.inspect() }
        let manager = try await managerAddress()
        guard try await claim("registration_used_at", of: node) else { throw refusal(.used) }
        node.registrationUsedAt = now
        node.registrationTokenSealed = nil
        node.tlsCertificate = try certificate.serializeAsPEM().pemString
        node.tlsCertificateExpiresAt = certificate.notValidAfter
        node.hostname = input.hostname.map { String($0.prefix(100)) }
        if let cpus = input.cpus, cpus > 0 { node.cpuCapacityMillis = Int64(cpus) * 1000 }
        if let memory = input.memoryMb, memory > 0 { node.memoryCapacityMB = Int64(memory) }
        if node.status == NodeStatus.pending { node.status = NodeStatus.installing }
        try await node.save(on: db)
        try await Activity.record("node.register", on: db, request: nil, principal: nil, target: ("node", node.id!.uuidString), details: node.name)
        let members = try await memberAddresses(manager: manager)
        return [
            "node_id=\(node.id!.uuidString.lowercased())",
            "join_token=\(swarm.joinTokens.worker)",
            "manager=\(manager)",
            "members=\(members.joined(separator: " "))",
            "ca_pem=\(Data(try ca.certificatePEM.utf8).base64EncodedString())",
            "cert_pem=\(Data(node.tlsCertificate!.utf8).base64EncodedString())",
        ].joined(separator: "\n") + "\n"
    }

    /// The last call: the node joined (or, in check mode, deliberately did not).
    func report(_ input: ReportInput) async throws -> NodeDTO {
        let node = try await node(forToken: input.token)
        guard node.registrationUsedAt != nil else {
            throw AppError.conflict("node_not_registered", "The node has not registered yet; run the install script from the start.")
        }
        if let expires = node.registrationExpiresAt, now >= expires.addingTimeInterval(NodeTicket.lifetime) { throw refusal(.expired) }
        if let joined = node.swarmNodeID {
            // The same script run again reports the same node: nothing to do. Another node cannot take the record.
            if joined == input.swarmNodeId?.trimmingWhitespace() { return NodeDTO(node) }
            throw refusal(.used)
        }
        if input.mode == "check" {
            node.status = NodeStatus.pending
            node.lastError = "The install script ran in check mode: every check passed, nothing was installed and the node did not join the Swarm."
            try await node.save(on: db)
            return NodeDTO(node)
        }
        guard let swarmID = input.swarmNodeId?.trimmingWhitespace(), !swarmID.isEmpty else {
            throw AppError.invalid("swarm_node_id", "Send the Swarm node ID the node joined as.")
        }
        try await NodeLabeler(app: app, db: db, now: now).adopt(node, swarmNodeID: swarmID, engineVersion: input.engineVersion)
        if NodeIngress.serves(node) {
            // Not in this request: the script waits for its answer, and pulling Traefik can take a while.
            let app = self.app, id = try node.requireID()
            Task.detached {
                do {
                    guard let fresh = try await WorkerNode.find(id, on: app.db) else { return }
                    try await NodeIngress.ensure(fresh, app: app, logger: app.logger)
                } catch {
                    app.logger.warning("ingress on node \(id) not started yet (the periodic sync tries again): \(error)")
                }
            }
        }
        return NodeDTO(node)
    }

    private func node(forToken token: String?) async throws -> WorkerNode {
        guard let token, !token.isEmpty,
              let node = try await WorkerNode.query(on: db).filter(\.$registrationTokenHash == SecureToken.hash(token)).first() else {
            throw AppError(.unauthorized, code: "registration_token_unknown", NodeTicket.Refusal.unknown.message)
        }
        return node
    }

    /// Sets a one-time column only if it is still empty: of two racing uses, exactly one wins.
    private func claim(_ column: String, of node: WorkerNode) async throws -> Bool {
        let rows = try await (db as! any SQLDatabase).raw("""
            UPDATE paas_worker_nodes SET \(ident: column) = \(bind: now) WHERE id = \(bind: node.id!) AND \(ident: column) IS NULL RETURNING id
            """).all()
        return rows.count == 1
    }

    private func refuseIfClosed(_ refusal: NodeTicket.Refusal?) throws {
        if let refusal { throw self.refusal(refusal) }
    }

    private func refusal(_ reason: NodeTicket.Refusal) -> AppError {
        switch reason {
        case .unknown: AppError(.unauthorized, code: "registration_token_unknown", reason.message)
        case .expired: AppError(.gone, code: "registration_token_expired", reason.message)
        case .used: AppError(.conflict, code: "registration_token_used", reason.message)
        }
    }

    private func managerAddress() async throws -> String {
        if let configured = app.config.swarmManagerAddr { return configured }
        let info = try await NodeBootstrap.dockerCall(app.docker, "read the manager's address") { try await app.docker.system.info() }
        return (info.swarm?.nodeAddr ?? "127.0.0.1") + ":2377"
    }

    /// Addresses allowed to reach a node's Swarm and Docker API ports: the manager and every node.
    private func memberAddresses(manager: String) async throws -> [String] {
        let nodes = try await WorkerNode.query(on: db).filter(\.$status != NodeStatus.removed).all().map(\.ipv4)
        let host = String(manager.split(separator: ":").first ?? "")
        return Array(Set([host] + nodes)).filter { !$0.isEmpty }.sorted()
    }
}
