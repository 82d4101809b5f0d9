import Vapor

/// One node with its install log, for the node page and `GET /api/admin/paas/nodes/:id`.
struct NodeDetailDTO: Content {
    let node: NodeDTO
    let installLog: String?

    init(_ node: WorkerNode, installing: Bool) {
        self.node = NodeDTO(node, installing: installing)
        installLog = node.installLog
    }
}
