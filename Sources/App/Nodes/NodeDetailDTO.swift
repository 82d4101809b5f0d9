import Fluent
import Vapor

/// One node with its install log, for the node page and `GET /api/admin/paas/nodes/:id`.
struct NodeDetailDTO: Content {
    let node: NodeDTO
    let installLog: String?
    /// For an ingress node: whether the control plane got its Traefik running, and when it last looked.
    let ingress: NodeIngressState?

    static func of(_ node: WorkerNode, installing: Bool, on db: any Database) async throws -> NodeDetailDTO {
        let ingress = node.roleList.contains(NodeIngress.role) ? try await NodeIngressState.load(try node.requireID(), on: db) : nil
        return NodeDetailDTO(node: NodeDTO(node, installing: installing), installLog: node.installLog, ingress: ingress)
    }
}
