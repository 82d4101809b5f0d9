/// Why an automatic install could not run the script, phrased for the admin.
enum SSHInstallError: Error, Equatable {
    case unreachable(String)
    case authenticationFailed(user: String)
    case hostKeyMismatch(expected: String, actual: String)
    case disconnected(String)

    var message: String {
        switch self {
        case .unreachable(let detail):
            "Cannot connect over SSH: \(detail). Check the address, the SSH port and the server's firewall."
        case .authenticationFailed(let user):
            "The server refused the SSH login as \(user): wrong user or password, or password login is disabled (PasswordAuthentication no)."
        case .hostKeyMismatch(let expected, let actual):
            "The server's SSH host key changed (expected \(expected), got \(actual)). If the server was reinstalled, delete the node and add it again."
        case .disconnected(let detail):
            "The SSH connection ended before the script finished: \(detail)."
        }
    }

    /// NIO's connection errors in the words an admin uses.
    static func describeConnectFailure(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("Connection refused") { return "refused the connection (nothing listens on that port)" }
        if text.contains("No route to host") || text.contains("Network is unreachable") { return "cannot be reached from the control plane (no route)" }
        if text.lowercased().contains("timeout") || text.contains("timedOut") { return "did not answer within 10 seconds" }
        return "did not accept a connection (\(text))"
    }
}
