import Fluent

/// Worker nodes: the one-time install link, the node's mTLS certificate and drain progress.
enum Migrations006 {
    static let all: [any Migration] = [
        AddNodeScriptToken(),
        AddNodeCertificate(),
        AddNodeDrainTracking(),
    ]
}
