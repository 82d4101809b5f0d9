import Fluent
import Foundation
import Vapor

/// What the control plane last saw of an ingress node's Traefik, for the node page and API: the
/// admin learns there why a node serves nothing (an image it cannot pull, an API that does not
/// answer) instead of only in the log. Kept in `paas_settings`, one entry per node.
struct NodeIngressState: Content, Equatable {
    let running: Bool
    let message: String
    let checkedAt: Date

    static func key(_ nodeID: UUID) -> String { "ingress.state.\(nodeID.uuidString.lowercased())" }

    static func load(_ nodeID: UUID, on db: any Database) async throws -> NodeIngressState? {
        guard let text = try await PlatformSetting.get(key(nodeID), on: db) else { return nil }
        return try? JSONCoding.decoder.decode(NodeIngressState.self, from: Data(text.utf8))
    }

    /// How old a recorded state that still says the same may get before it is written again: the
    /// sync runs every few seconds, and rewriting an unchanged row each pass only churns the table.
    static let refreshAfter: TimeInterval = 300

    /// Saves this state unless the stored one says the same and is recent.
    func record(_ nodeID: UUID, on db: any Database) async throws {
        if let stored = try await Self.load(nodeID, on: db), stored.running == running, stored.message == message,
           checkedAt.timeIntervalSince(stored.checkedAt) < Self.refreshAfter {
            return
        }
        try await save(nodeID, on: db)
    }

    func save(_ nodeID: UUID, on db: any Database) async throws {
        let text = String(decoding: try JSONCoding.encoder.encode(self), as: UTF8.self)
        try await PlatformSetting.set(Self.key(nodeID), to: text, on: db)
    }
}
