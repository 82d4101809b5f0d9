/// The bash script that turns a clean Debian/Ubuntu server into a worker node (DESIGN decision 7).
///
/// Everything node-specific is baked in as single-quoted assignments at the top, so the body is one
/// fixed text that `bash -n` and shellcheck can judge once. The script itself holds no password:
/// only the one-time registration token, which is useless once the node has registered.
public struct NodeInstallScript: Equatable, Sendable {
    public var controlPlaneURL: String
    public var registrationToken: String
    public var nodeName: String
    public var ipv4: String
    public var locationSlug: String
    public var roles: [String]
    /// The platform registry (`host:port`) the node must trust; empty when there is none.
    public var registry: String
    /// The overlay address pool whose forwarding from tenants is dropped.
    public var addressPool: String

    public init(controlPlaneURL: String, registrationToken: String, nodeName: String, ipv4: String,
                locationSlug: String, roles: [String], registry: String, addressPool: String) {
        self.controlPlaneURL = controlPlaneURL
        self.registrationToken = registrationToken
        self.nodeName = nodeName
        self.ipv4 = ipv4
        self.locationSlug = locationSlug
        self.roles = roles
        self.registry = registry
        self.addressPool = addressPool
    }

    /// The numbered steps the body announces, in order; the node page shows progress against them.
    public static let steps = [
        "checking the system", "installing Docker Engine", "registering with the control plane",
        "writing the Docker daemon configuration", "applying the firewall", "starting Docker",
        "joining the Swarm", "reporting back",
    ]

    public func render() -> String {
        let settings = [
            ("PAAS_URL", controlPlaneURL),
            ("PAAS_TOKEN", registrationToken),
            ("PAAS_NODE_NAME", nodeName),
            ("PAAS_NODE_IPV4", ipv4),
            ("PAAS_LOCATION", locationSlug),
            ("PAAS_ROLES", roles.joined(separator: ",")),
            ("PAAS_REGISTRY", registry),
            ("PAAS_ADDRESS_POOL", addressPool),
        ].map { "\($0.0)=\(Self.quote($0.1))" }.joined(separator: "\n")
        let header = """
            #!/usr/bin/env bash
            # shellcheck disable=SC2016 # the settings are single-quoted literals on purpose
            # Installs the PaaS worker node \(Self.comment(nodeName)) (\(Self.comment(ipv4)), location \(Self.comment(locationSlug))).
            # Run it as root on a clean Debian or Ubuntu server. It is safe to run again.
            # PAAS_INSTALL_MODE=check runs every check but installs, configures and joins nothing.
            # PAAS_DOCKER_RESTART, if set, is the command that restarts Docker on this server
            # (for one not run by systemd or a plain dockerd).
            set -euo pipefail

            """
        return header + settings + "\n" + Self.firewallFunction(addressPool: addressPool, ingress: roles.contains("ingress")) + Self.body
    }

    /// Single quotes keep every byte literal; an embedded quote is closed, escaped and reopened.
    public static func quote(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Comment text cannot break out of its line.
    static func comment(_ value: String) -> String {
        String(value.map { $0.isNewline ? " " : $0 })
    }

    /// The tenant rules shared with `paas bootstrap`, then the Swarm ports opened only to the
    /// cluster's members (`$PAAS_MEMBERS`), the Docker API only to the manager the control plane
    /// runs on (`$MANAGER`), both filled in from the registration answer, and 80/443 public only
    /// on an ingress node.
    static func firewallFunction(addressPool: String, ingress: Bool) -> String {
        let tenantRules = NodeFirewall.shell(addressPool: addressPool)
            .split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
        // Published ports are DNATed before the filter sees them, so the original destination port
        // is what DOCKER-USER matches; the host's own sockets are matched in INPUT.
        let publicRules = ingress
            ? "    iptables -A PAAS-PUBLIC-IN -j RETURN"
            : """
                iptables -A PAAS-PUBLIC-IN -i lo -j RETURN
                iptables -A PAAS-PUBLIC-IN -m conntrack --ctstate ESTABLISHED,RELATED -j RETURN
                iptables -A PAAS-PUBLIC-IN -j DROP
            """
        return """

            apply_firewall() {
            \(tenantRules)
                iptables -N PAAS-CLUSTER-IN 2>/dev/null || true
                iptables -F PAAS-CLUSTER-IN
                local member
                for member in $PAAS_MEMBERS; do
                    iptables -A PAAS-CLUSTER-IN -s "$member" -j RETURN
                done
                iptables -A PAAS-CLUSTER-IN -j DROP
                iptables -C INPUT -p tcp -m multiport --dports 2377,7946 -j PAAS-CLUSTER-IN 2>/dev/null || iptables -I INPUT 1 -p tcp -m multiport --dports 2377,7946 -j PAAS-CLUSTER-IN
                # The Docker API answers the control plane (on the manager) only, not other members.
                iptables -N PAAS-DOCKERAPI-IN 2>/dev/null || true
                iptables -F PAAS-DOCKERAPI-IN
                iptables -A PAAS-DOCKERAPI-IN -s "${MANAGER%:*}" -j RETURN
                iptables -A PAAS-DOCKERAPI-IN -j DROP
                iptables -C INPUT -p tcp --dport 2376 -j PAAS-DOCKERAPI-IN 2>/dev/null || iptables -I INPUT 1 -p tcp --dport 2376 -j PAAS-DOCKERAPI-IN
                iptables -C INPUT -p udp -m multiport --dports 4789,7946 -j PAAS-CLUSTER-IN 2>/dev/null || iptables -I INPUT 1 -p udp -m multiport --dports 4789,7946 -j PAAS-CLUSTER-IN
                # 80/443: public where Traefik serves (ingress nodes), closed from outside elsewhere.
                iptables -N PAAS-PUBLIC-IN 2>/dev/null || true
                iptables -F PAAS-PUBLIC-IN
            \(publicRules)
                iptables -C INPUT -p tcp -m multiport --dports 80,443 -j PAAS-PUBLIC-IN 2>/dev/null || iptables -I INPUT 1 -p tcp -m multiport --dports 80,443 -j PAAS-PUBLIC-IN
                local port
                for port in 80 443; do
                    iptables -C DOCKER-USER -p tcp -m conntrack --ctorigdstport "$port" -j PAAS-PUBLIC-IN 2>/dev/null || iptables -I DOCKER-USER 1 -p tcp -m conntrack --ctorigdstport "$port" -j PAAS-PUBLIC-IN
                done
            }

            """
    }
}
