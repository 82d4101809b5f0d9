import Vapor

/// The add-node form as typed; the password is passed through to the use case and never echoed.
struct NodeForm: Content {
    var name: String?
    var ipv4: String?
    var sshPort: String?
    var sshUser: String?
    var password: String?
    var locationId: String?
    var roles: [String]?
    var force: String?

    enum CodingKeys: String, CodingKey {
        case name, ipv4, sshPort = "ssh_port", sshUser = "ssh_user", password, locationId = "location_id", roles, force
    }

    var input: NodeService.Input {
        // A port that is not a number reaches validation as 0, which names the field.
        let port = sshPort.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : (Int($0) ?? 0) }
        return NodeService.Input(name: name, ipv4: ipv4, sshPort: port, sshUser: sshUser, password: password,
                                 locationId: locationId, roles: roles ?? [])
    }

    /// What the form shows again after a refusal: everything but the password.
    var redisplay: NodeService.Input {
        var shown = input
        shown.password = nil
        return shown
    }
}
