import Foundation
import Vapor

/// One-time credentials for the pre-receive hook of a push in progress: the hook proves it runs
/// inside a push the control plane authorised, and for which app, without ever seeing the client's
/// API token. They live in memory only, for as long as the receive-pack request runs.
actor PushSessions {
    struct Session: Sendable {
        let principal: Principal
        let appID: UUID
    }

    private var sessions: [String: Session] = [:]

    /// The token to hand to the hook; only its hash is kept.
    func open(_ session: Session) -> String {
        let token = SecureToken.random()
        sessions[SecureToken.hash(token)] = session
        return token
    }

    func find(_ token: String) -> Session? { sessions[SecureToken.hash(token)] }

    func close(_ token: String) { sessions[SecureToken.hash(token)] = nil }
}
