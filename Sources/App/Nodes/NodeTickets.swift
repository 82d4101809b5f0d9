import Foundation
import PaaSCore
import Vapor

/// Issues a node's one-time credentials: the install URL token and the registration token. Only
/// their hashes are kept for lookup; the registration token is also sealed, because the script
/// served later from the install URL must carry it.
struct NodeTickets {
    struct Issued: Sendable {
        var registrationToken: String
        var scriptToken: String
    }

    static func issue(for node: WorkerNode, box: SecretBox, now: Date = Date()) throws -> Issued {
        let issued = Issued(registrationToken: "reg_" + SecureToken.random(), scriptToken: "inst_" + SecureToken.random())
        node.registrationTokenHash = SecureToken.hash(issued.registrationToken)
        node.registrationTokenSealed = try box.seal(issued.registrationToken)
        node.registrationExpiresAt = now.addingTimeInterval(NodeTicket.lifetime)
        node.registrationUsedAt = nil
        node.scriptTokenHash = SecureToken.hash(issued.scriptToken)
        node.scriptUsedAt = nil
        return issued
    }

    /// The registration token of a node whose tickets are still open, for rendering its script.
    static func openRegistrationToken(of node: WorkerNode, box: SecretBox) throws -> String? {
        guard let sealed = node.registrationTokenSealed else { return nil }
        return try box.open(sealed)
    }

    static func installURL(_ config: AppConfig, scriptToken: String) -> String {
        config.publicBaseURL + "/api/paas/nodes/install/" + scriptToken
    }
}
