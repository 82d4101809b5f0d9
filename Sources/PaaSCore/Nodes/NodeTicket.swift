import Foundation

/// The one-time credentials of a node install: the script URL and the registration token. Both
/// expire, and each works once; the reasons are phrased for the admin who has to act on them.
public enum NodeTicket {
    public static let lifetime: TimeInterval = 2 * 60 * 60

    public enum Refusal: Equatable, Sendable {
        case unknown, expired, used

        public var message: String {
            switch self {
            case .unknown: "This install link or registration token is not valid. Create a new one on the node's page."
            case .expired: "This install link or registration token has expired. Create a new one on the node's page."
            case .used: "This install link or registration token was already used. Create a new one on the node's page."
            }
        }
    }

    public static func check(expiresAt: Date?, usedAt: Date?, now: Date) -> Refusal? {
        guard let expiresAt else { return .unknown }
        if usedAt != nil { return .used }
        if now >= expiresAt { return .expired }
        return nil
    }
}
