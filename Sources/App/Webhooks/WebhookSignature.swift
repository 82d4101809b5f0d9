import Crypto
import Foundation
import PaaSCore

/// Whether a delivery carries proof of the signing secret, compared in constant time.
enum WebhookSignature {
    static func isValid(_ provider: WebhookProvider, header: String?, body: Data, secret: String) -> Bool {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else { return false }
        switch provider {
        case .gitlab:
            // GitLab sends the secret itself.
            return SecureToken.constantTimeEquals(header, secret)
        case .github, .generic:
            guard header.hasPrefix("sha256="), let mac = Data(hex: String(header.dropFirst("sha256=".count))) else { return false }
            return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: body, using: SymmetricKey(data: Data(secret.utf8)))
        }
    }

    /// The header value a sender computes, as `sha256=<hex>`; the tests sign deliveries with it.
    static func sign(_ body: Data, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + Data(mac).map { String(format: "%02x", $0) }.joined()
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
