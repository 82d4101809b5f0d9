import Foundation

/// Where one of a location's Traefiks runs. Each has its own provider token and its own
/// ACME storage, so recreating one never disturbs another.
enum IngressSite: Equatable, Sendable {
    /// The control plane's own engine (DOCKER_HOST): ACME storage in the data directory.
    case controlPlane
    /// An ingress node, driven over its mTLS Docker API: ACME storage in a volume on the node.
    case node(UUID)
}
