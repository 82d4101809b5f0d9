/// The node hardening of DESIGN decision 3 (host layer) as iptables commands, so the bootstrap
/// and the node install script apply exactly the same rules.
///
/// Tenant containers reach the host through `docker_gwbridge`, their default route. New
/// connections from there to the host are dropped, except the ports that are public anyway
/// (Traefik's 80/443): this closes the Docker API, Swarm's 2377/7946, the registry, databases
/// and the control plane to tenants. Tenant packets to the overlay address pool that leave
/// through the gateway (another tenant's network) are dropped before they reach any wire.
public enum NodeFirewall {
    public static let inputChain = "PAAS-TENANT-IN"
    public static let tenantInterface = "docker_gwbridge"

    public struct Command: Equatable, Sendable {
        /// iptables arguments.
        public let arguments: [String]
        /// Checks and chain creation may fail harmlessly (already there / not there yet).
        public let mayFail: Bool
    }

    public static func apply(addressPool: String, publicPorts: [Int] = [80, 443]) -> [Command] {
        let ports = publicPorts.map(String.init).joined(separator: ",")
        return [
            Command(arguments: ["-N", inputChain], mayFail: true),
            Command(arguments: ["-F", inputChain], mayFail: false),
            Command(arguments: ["-A", inputChain, "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j", "RETURN"], mayFail: false),
            Command(arguments: ["-A", inputChain, "-p", "tcp", "-m", "multiport", "--dports", ports, "-j", "RETURN"], mayFail: false),
            Command(arguments: ["-A", inputChain, "-j", "DROP"], mayFail: false),
            // Docker makes DOCKER-USER when it starts with iptables on; a node whose Docker has not
            // run yet gets it here, and Docker keeps it and jumps to it from FORWARD.
            Command(arguments: ["-N", "DOCKER-USER"], mayFail: true),
        ] + ensure(["INPUT", "-i", tenantInterface, "-j", inputChain])
          + ensure(["DOCKER-USER", "-i", tenantInterface, "-d", addressPool, "-j", "DROP"])
    }

    public static func remove(addressPool: String) -> [Command] {
        [
            Command(arguments: ["-D", "INPUT", "-i", tenantInterface, "-j", inputChain], mayFail: true),
            Command(arguments: ["-D", "DOCKER-USER", "-i", tenantInterface, "-d", addressPool, "-j", "DROP"], mayFail: true),
            Command(arguments: ["-F", inputChain], mayFail: true),
            Command(arguments: ["-X", inputChain], mayFail: true),
        ]
    }

    /// `-C` then `-I … 1`: a rerun leaves one copy of the jump, first in its chain.
    static func ensure(_ rule: [String]) -> [Command] {
        [Command(arguments: ["-C"] + rule, mayFail: true), Command(arguments: ["-I", rule[0], "1"] + rule.dropFirst(), mayFail: false)]
    }

    /// As shell, for the install script and for operators: idempotent lines.
    public static func shell(addressPool: String, publicPorts: [Int] = [80, 443]) -> String {
        var lines: [String] = []
        let commands = apply(addressPool: addressPool, publicPorts: publicPorts)
        var index = 0
        while index < commands.count {
            let command = commands[index]
            if command.arguments.first == "-C", index + 1 < commands.count {
                lines.append("iptables \(command.arguments.joined(separator: " ")) 2>/dev/null || iptables \(commands[index + 1].arguments.joined(separator: " "))")
                index += 2
                continue
            }
            lines.append("iptables \(command.arguments.joined(separator: " "))" + (command.mayFail ? " 2>/dev/null || true" : ""))
            index += 1
        }
        return lines.joined(separator: "\n")
    }
}
