import Fluent
import Foundation
import PaaSCore
import Vapor

/// The install script for one node, from the platform's settings.
struct NodeScriptRenderer {
    let app: Application
    let db: any Database

    func script(for node: WorkerNode, location: Location, registrationToken: String) async throws -> String {
        NodeInstallScript(
            controlPlaneURL: app.config.publicBaseURL, registrationToken: registrationToken,
            nodeName: node.name, ipv4: node.ipv4, locationSlug: location.slug, roles: node.roleList,
            registry: app.config.builds.registry ?? "", addressPool: NodeBootstrap.defaultAddressPool
        ).render()
    }
}
