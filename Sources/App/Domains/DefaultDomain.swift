import Fluent
import Foundation

/// `<app>.paas.<ingress-ipv4>.sslip.io`: the ingress node of the app's location answers for it.
enum DefaultDomain {
    static func suffix(for location: Location, on db: any Database) async throws -> String {
        let nodes = try await WorkerNode.query(on: db).filter(\.$location.$id == location.requireID()).sort(\.$createdAt).all()
        let ingress = nodes.first { $0.roles.split(separator: ",").contains("ingress") && $0.status == "ready" } ?? nodes.first
        return "paas.\(ingress?.ipv4 ?? "127.0.0.1").sslip.io"
    }
}
