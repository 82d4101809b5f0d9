/// A node as an admin describes it on the "add node" form. The root password is not part of it:
/// it is checked apart and never leaves the install run.
public struct NodeTerms: Equatable, Sendable {
    public static let knownRoles = ["worker", "ingress"]

    public var name: String
    public var ipv4: String
    public var sshPort: Int
    public var sshUser: String
    public var roles: [String]

    public static func validate(name rawName: String, ipv4 rawIPv4: String, sshPort: Int?, sshUser rawUser: String?,
                                roles rawRoles: [String]?) throws(ValidationFailure) -> NodeTerms {
        let name = try TextField.validate(rawName, field: "name", label: "Node name", max: 60)
        guard let ipv4 = IPv4Address.normalized(rawIPv4) else {
            throw ValidationFailure(field: "ipv4", message: "Give the server's public IPv4 address, like 203.0.113.10.")
        }
        let port = sshPort ?? 22
        guard (1...65535).contains(port) else {
            throw ValidationFailure(field: "ssh_port", message: "The SSH port must be between 1 and 65535.")
        }
        let user = (rawUser ?? "root").trimmingWhitespace()
        guard !user.isEmpty, user.count <= 32,
              user.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0) }) else {
            throw ValidationFailure(field: "ssh_user", message: "The SSH user is a login name like root: lowercase letters, digits, '.', '_' and '-'.")
        }
        let roles = (rawRoles ?? ["worker"]).map { $0.trimmingWhitespace().lowercased() }.filter { !$0.isEmpty }
        guard !roles.isEmpty, roles.allSatisfy(knownRoles.contains) else {
            throw ValidationFailure(field: "roles", message: "Roles are worker and/or ingress.")
        }
        return NodeTerms(name: name, ipv4: ipv4, sshPort: port, sshUser: user,
                         roles: knownRoles.filter(roles.contains))
    }

    /// The root password is only checked for presence and sanity; the server decides if it is right.
    public static func validatePassword(_ raw: String?) throws(ValidationFailure) -> String? {
        guard let raw, !raw.isEmpty else { return nil }
        guard raw.count <= 256, !raw.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\0" }) else {
            throw ValidationFailure(field: "password", message: "The password must be at most 256 characters and on one line.")
        }
        return raw
    }
}

public enum IPv4Address {
    /// Dotted quad with no leading zeros beyond a single 0, or nil.
    public static func normalized(_ raw: String) -> String? {
        let text = raw.trimmingWhitespace()
        return value(text) == nil ? nil : text
    }

    /// The address as a number, for exactly the text `normalized` accepts (untrimmed), or nil.
    public static func value(_ text: String) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ ("0"..."9").contains($0) }), !(part.count > 1 && part.first == "0"),
                  let byte = UInt8(part) else { return nil }
            value = value << 8 | UInt32(byte)
        }
        return value
    }
}
