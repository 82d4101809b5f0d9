import Crypto
import Foundation
import PaaSCore
import Vapor

/// Whether a delivery carries proof of the signing secret, compared in constant time.
enum WebhookSignature {
    /// How far a signed timestamp may be from now: a captured delivery cannot be replayed later.
    static let tolerance: TimeInterval = 5 * 60
    /// The headers of the Standard Webhooks scheme, which GitLab's signing token uses.
    static let standardHeaders = (signature: "webhook-signature", id: "webhook-id", timestamp: "webhook-timestamp")

    /// Why the delivery does not prove the secret; nil when it does.
    static func refusal(_ provider: WebhookProvider, headers: HTTPHeaders, body: Data, secret: String, now: Date = Date()) -> String? {
        switch provider {
        case .gitlab:
            // A signed delivery must hold its signature; the token is GitLab's older, unsigned way.
            if let signature = headers.first(name: standardHeaders.signature) {
                return standardRefusal(signature, id: headers.first(name: standardHeaders.id),
                                       timestamp: headers.first(name: standardHeaders.timestamp), body: body, secret: secret, now: now)
            }
            guard let token = trimmed(headers.first(name: provider.signatureHeader)), SecureToken.constantTimeEquals(token, secret) else {
                return "The delivery's X-Gitlab-Token (or webhook-signature) header does not prove this webhook's secret."
            }
            return nil
        case .github, .generic:
            guard let header = trimmed(headers.first(name: provider.signatureHeader)), header.hasPrefix("sha256="),
                  let mac = Data(hex: String(header.dropFirst("sha256=".count))),
                  HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: body, using: SymmetricKey(data: Data(secret.utf8))) else {
                return "The delivery's \(provider.signatureHeader) header does not prove this webhook's secret."
            }
            return nil
        }
    }

    /// `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, keyed with the bytes a
    /// `whsec_` secret encodes; the header may list several signatures, one matching is enough.
    private static func standardRefusal(_ signature: String, id: String?, timestamp: String?, body: Data, secret: String, now: Date) -> String? {
        guard let id, !id.isEmpty, let timestamp, let seconds = TimeInterval(timestamp) else {
            return "A signed delivery needs its webhook-id and webhook-timestamp headers."
        }
        guard abs(now.timeIntervalSince1970 - seconds) <= tolerance else {
            return "The delivery was signed at \(Int(seconds)), more than five minutes from now; a replayed or delayed delivery is refused."
        }
        guard let key = standardKey(secret) else {
            return "This webhook's secret is not a signing token (whsec_…); send it as X-Gitlab-Token, or add a new webhook."
        }
        let signed = Data("\(id).\(timestamp).".utf8) + body
        let matches = signature.split(separator: " ").contains { entry in
            guard entry.hasPrefix("v1,"), let mac = Data(base64Encoded: String(entry.dropFirst(3))) else { return false }
            return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: signed, using: key)
        }
        return matches ? nil : "The delivery's webhook-signature header does not prove this webhook's signing token."
    }

    static func standardKey(_ secret: String) -> SymmetricKey? {
        guard secret.hasPrefix("whsec_"), let bytes = Data(base64Encoded: String(secret.dropFirst("whsec_".count))), !bytes.isEmpty else { return nil }
        return SymmetricKey(data: bytes)
    }

    /// A new signing secret: a Standard Webhooks token for GitLab, which GitLab accepts as either
    /// its secret token or its signing token; a random string for the HMAC providers.
    static func newSecret(for provider: WebhookProvider) -> String {
        guard provider == .gitlab else { return SecureToken.random() }
        var generator = SystemRandomNumberGenerator()
        return "whsec_" + Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }).base64EncodedString()
    }

    private static func trimmed(_ header: String?) -> String? {
        guard let value = header?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    /// The header value a sender computes, as `sha256=<hex>`; the tests sign deliveries with it.
    static func sign(_ body: Data, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + Data(mac).map { String(format: "%02x", $0) }.joined()
    }

    /// The `webhook-signature` value GitLab computes with a signing token; the tests sign with it.
    static func signStandard(_ body: Data, id: String, timestamp: String, secret: String) -> String? {
        guard let key = standardKey(secret) else { return nil }
        return "v1," + Data(HMAC<SHA256>.authenticationCode(for: Data("\(id).\(timestamp).".utf8) + body, using: key)).base64EncodedString()
    }
}

extension Data {
    /// Bytes from an even-length hex string; nil for anything else.
    init?(hex: String) {
        guard hex.count % 2 == 0, hex.count <= 256 else { return nil }
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        self.init(bytes)
    }
}
