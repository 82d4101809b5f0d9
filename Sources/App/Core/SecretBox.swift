import Crypto
import Foundation
import Vapor

/// Seals secrets at rest (config vars, addon credentials, node keys) with AES-GCM under the master key.
struct SecretBox: Sendable {
    /// Raw bytes: `SymmetricKey` is not `Sendable`, and the box is shared across requests.
    private let keyBytes: Data
    private static let version = "v1:"

    init(key: SymmetricKey) { self.keyBytes = key.withUnsafeBytes { Data($0) } }

    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    /// `PAAS_SECRET_KEY` wins; otherwise the embedded default keeps a generated key in the data
    /// directory (mode 600) so a restart can still open what it sealed.
    static func load(config: AppConfig) throws -> SecretBox {
        if let secret = config.secretKey {
            if let data = Data(base64Encoded: secret), data.count == 32 {
                return SecretBox(key: SymmetricKey(data: data))
            }
            return SecretBox(key: SymmetricKey(data: SHA256.hash(data: Data(secret.utf8))))
        }
        let path = (config.dataDirectory as NSString).appendingPathComponent("secret.key")
        if let existing = FileManager.default.contents(atPath: path),
           let data = Data(base64Encoded: String(decoding: existing, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)),
           data.count == 32 {
            return SecretBox(key: SymmetricKey(data: data))
        }
        let key = SymmetricKey(size: .bits256)
        let encoded = key.withUnsafeBytes { Data($0).base64EncodedString() }
        guard FileManager.default.createFile(atPath: path, contents: Data(encoded.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw AppError(.internalServerError, code: "secret_key_unwritable", "Cannot write the master key to \(path).")
        }
        return SecretBox(key: key)
    }

    func seal(_ plaintext: String) throws -> String {
        let box = try AES.GCM.seal(Data(plaintext.utf8), using: key)
        guard let combined = box.combined else {
            throw AppError(.internalServerError, code: "seal_failed", "Could not seal a secret.")
        }
        return SecretBox.version + combined.base64EncodedString()
    }

    func open(_ sealed: String) throws -> String {
        guard sealed.hasPrefix(SecretBox.version), let data = Data(base64Encoded: String(sealed.dropFirst(SecretBox.version.count))) else {
            throw AppError(.internalServerError, code: "secret_unreadable", "A stored secret is not in a known format.")
        }
        let box = try AES.GCM.SealedBox(combined: data)
        return String(decoding: try AES.GCM.open(box, using: key), as: UTF8.self)
    }
}

extension Application {
    private struct SecretBoxKey: StorageKey { typealias Value = SecretBox }

    var secretBox: SecretBox {
        get {
            guard let box = storage[SecretBoxKey.self] else { fatalError("SecretBox not configured") }
            return box
        }
        set { storage[SecretBoxKey.self] = newValue }
    }
}
