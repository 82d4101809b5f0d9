import Foundation
import PaaSCore

/// Applies `NodeFirewall` on this host with iptables. Used when the Swarm engine is local
/// (bootstrap of the control plane's own host); remote nodes get the same rules from the
/// install script.
enum HostFirewall {
    static func apply(addressPool: String) throws -> [String] {
        try run(NodeFirewall.apply(addressPool: addressPool))
    }

    static func run(_ commands: [NodeFirewall.Command]) throws -> [String] {
        guard let iptables = ["/usr/sbin/iptables", "/sbin/iptables"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw AppError(.internalServerError, code: "iptables_missing", "iptables is not installed, so tenant containers could reach this host's services. Install it (apt-get install iptables) and run bootstrap again.")
        }
        var log: [String] = []
        var skipNext = false
        for command in commands {
            if skipNext { skipNext = false; continue }
            let status = try execute(iptables, command.arguments)
            // A successful `-C` means the rule is already there: skip the insert after it.
            if command.arguments.first == "-C" { skipNext = status == 0; continue }
            if status != 0 && !command.mayFail {
                throw AppError(.internalServerError, code: "firewall_failed",
                               "iptables \(command.arguments.joined(separator: " ")) failed with status \(status). Run bootstrap as root, or pass --no-firewall and apply the rules yourself.")
            }
            if status == 0 { log.append(command.arguments.joined(separator: " ")) }
        }
        return log
    }

    private static func execute(_ path: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-w"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
