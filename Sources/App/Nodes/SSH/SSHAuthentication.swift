import Crypto
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOSSH

/// Offers the admin's password exactly once: offering it again would only loop until the
/// server's MaxAuthTries and hide the real answer, a wrong password.
final class OneTimePasswordDelegate: NIOSSHClientUserAuthenticationDelegate, @unchecked Sendable {
    private let username: String
    private let password: String
    private let offered = NIOLockedValueBox(false)

    init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    var wasOffered: Bool { offered.withLockedValue { $0 } }

    func nextAuthenticationType(availableMethods: NIOSSHAvailableUserAuthenticationMethods,
                                nextChallengePromise: EventLoopPromise<NIOSSHUserAuthenticationOffer?>) {
        let first = offered.withLockedValue { done in
            defer { done = true }
            return !done
        }
        guard first, availableMethods.contains(.password) else {
            // Failing ends the handshake; answering nil leaves the connection waiting.
            nextChallengePromise.fail(SSHInstallError.authenticationFailed(user: username))
            return
        }
        nextChallengePromise.succeed(NIOSSHUserAuthenticationOffer(
            username: username, serviceName: "", offer: .password(.init(password: password))))
    }
}

/// Trust on first use: the first install records the server's host key fingerprint, later ones
/// insist on it, so a machine that took over the address cannot collect the root password.
final class HostKeyPin: NIOSSHClientServerAuthenticationDelegate, @unchecked Sendable {
    private let expected: String?
    private let seen = NIOLockedValueBox<String?>(nil)

    init(expected: String?) { self.expected = expected }

    var fingerprint: String? { seen.withLockedValue { $0 } }

    func validateHostKey(hostKey: NIOSSHPublicKey, validationCompletePromise: EventLoopPromise<Void>) {
        let print = Self.fingerprint(of: hostKey)
        seen.withLockedValue { $0 = print }
        if let expected, expected != print {
            validationCompletePromise.fail(SSHInstallError.hostKeyMismatch(expected: expected, actual: print))
        } else {
            validationCompletePromise.succeed(())
        }
    }

    /// OpenSSH's form: `SHA256:` and the unpadded base64 of the hash of the key's wire encoding.
    static func fingerprint(of key: NIOSSHPublicKey) -> String {
        let parts = String(openSSHPublicKey: key).split(separator: " ")
        let wire = parts.count > 1 ? Data(base64Encoded: String(parts[1])) ?? Data() : Data()
        let hash = Data(SHA256.hash(data: wire)).base64EncodedString().replacingOccurrences(of: "=", with: "")
        return "SHA256:" + hash
    }
}
