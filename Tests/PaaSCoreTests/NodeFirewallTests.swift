import Testing
import PaaSCore

@Suite("Node firewall")
struct NodeFirewallTests {
    @Test("New tenant connections to the host are dropped except public ports; overlay-pool forwarding too")
    func rules() {
        let commands = NodeFirewall.apply(addressPool: "10.200.0.0/16").map { $0.arguments.joined(separator: " ") }
        #expect(commands.contains("-A PAAS-TENANT-IN -m conntrack --ctstate ESTABLISHED,RELATED -j RETURN"))
        #expect(commands.contains("-A PAAS-TENANT-IN -p tcp -m multiport --dports 80,443 -j RETURN"))
        #expect(commands.last(where: { $0.hasPrefix("-A PAAS-TENANT-IN") }) == "-A PAAS-TENANT-IN -j DROP")
        #expect(commands.contains("-I INPUT 1 -i docker_gwbridge -j PAAS-TENANT-IN"))
        #expect(commands.contains("-I DOCKER-USER 1 -i docker_gwbridge -d 10.200.0.0/16 -j DROP"))
        #expect(!commands.contains { $0.contains("10.0.0.0/8") })
    }

    @Test("The shell form is idempotent: checks before inserts")
    func shell() {
        let script = NodeFirewall.shell(addressPool: "10.200.0.0/16")
        #expect(script.contains("iptables -C INPUT -i docker_gwbridge -j PAAS-TENANT-IN 2>/dev/null || iptables -I INPUT 1 -i docker_gwbridge -j PAAS-TENANT-IN"))
        #expect(script.contains("iptables -N PAAS-TENANT-IN 2>/dev/null || true"))
    }
}
