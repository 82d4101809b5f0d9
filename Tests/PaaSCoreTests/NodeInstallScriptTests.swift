import Foundation
import Testing
import PaaSCore
import PaaSTestSupport

@Suite("Node install script")
struct NodeInstallScriptTests {
    static let script = NodeInstallScript(
        controlPlaneURL: "https://panel.example.com", registrationToken: "reg_abc",
        nodeName: "fra'1 $(touch /tmp/pwned)\nrm -rf /", ipv4: "203.0.113.10", locationSlug: "fra-1",
        roles: ["worker", "ingress"], registry: "203.0.113.1:5000", addressPool: "10.200.0.0/16")

    /// The same node with the worker role only: no Traefik there, so 80/443 stay closed.
    static var workerOnly: NodeInstallScript {
        var worker = script
        worker.roles = ["worker"]
        return worker
    }

    static func written(_ script: NodeInstallScript = script) throws -> String {
        let path = NSTemporaryDirectory() + "paas-node-install-\(UUID().uuidString.prefix(8)).sh"
        try script.render().write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("Values are single-quoted: a hostile node name stays one literal string")
    func quoting() {
        let text = Self.script.render()
        #expect(text.contains(#"PAAS_NODE_NAME='fra'\''1 $(touch /tmp/pwned)"#))
        #expect(text.hasPrefix("#!/usr/bin/env bash\n"))
        #expect(text.contains("set -euo pipefail"))
        // The comment line cannot be broken out of by a newline in the name.
        #expect(text.split(separator: "\n")[2].contains("rm -rf /"))
        #expect(!text.split(separator: "\n").contains("rm -rf /"))
        #expect(NodeInstallScript.quote("it's") == #"'it'\''s'"#)
    }

    @Test("The script drops tenant → host and tenant → overlay-pool traffic and opens Swarm ports to members only")
    func firewall() {
        let text = Self.script.render()
        #expect(text.contains("iptables -C DOCKER-USER -i docker_gwbridge -d 10.200.0.0/16 -j DROP 2>/dev/null || iptables -I DOCKER-USER 1 -i docker_gwbridge -d 10.200.0.0/16 -j DROP"))
        #expect(text.contains("iptables -A PAAS-TENANT-IN -j DROP"))
        #expect(text.contains("--dports 2377,7946 -j PAAS-CLUSTER-IN"))
        #expect(text.contains(#"iptables -A PAAS-DOCKERAPI-IN -s "${MANAGER%:*}" -j RETURN"#), "the Docker API answers the manager only")
        #expect(text.contains("--dport 2376 -j PAAS-DOCKERAPI-IN"))
        #expect(text.contains(#""userns-remap": "default""#))
        #expect(text.contains(#""max-size": "10m""#))
        #expect(text.contains("tcp://$PAAS_NODE_IPV4:2376"))
    }

    @Test("80/443 are public on an ingress node and closed from outside on a worker-only node, for the host and for published ports")
    func publicPorts() {
        let ingress = Self.script.render(), worker = Self.workerOnly.render()
        for text in [ingress, worker] {
            #expect(text.contains("iptables -I INPUT 1 -p tcp -m multiport --dports 80,443 -j PAAS-PUBLIC-IN"))
            #expect(text.contains(#"iptables -I DOCKER-USER 1 -p tcp -m conntrack --ctorigdstport "$port" -j PAAS-PUBLIC-IN"#))
        }
        #expect(ingress.contains("iptables -A PAAS-PUBLIC-IN -j RETURN") && !ingress.contains("iptables -A PAAS-PUBLIC-IN -j DROP"))
        #expect(worker.contains("iptables -A PAAS-PUBLIC-IN -j DROP") && !worker.contains("iptables -A PAAS-PUBLIC-IN -j RETURN"))
        #expect(worker.contains("iptables -A PAAS-PUBLIC-IN -i lo -j RETURN"), "the node's own loopback keeps working")
    }

    @Test("Every step announces itself, in the order the node page shows")
    func steps() {
        let text = Self.script.render()
        var position = text.startIndex
        for name in NodeInstallScript.steps {
            let found = text.range(of: "step \"\(name)\"", range: position..<text.endIndex)
            #expect(found != nil, "step \(name) missing or out of order")
            position = found?.upperBound ?? position
        }
    }

    @Test("bash -n and shellcheck accept the rendered script, for each role", arguments: [true, false])
    func lint(ingress: Bool) throws {
        let path = try Self.written(ingress ? Self.script : Self.workerOnly)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let syntax = try ToolRun.run("/bin/bash", ["-n", path])
        #expect(syntax.status == 0, "\(syntax.output)")
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/shellcheck") else {
            let required = ProcessInfo.processInfo.environment["PAAS_REQUIRE_COMPONENTS"] == "1"
            #expect(!required, "shellcheck is required (apt-get install shellcheck)")
            return
        }
        let lint = try ToolRun.run("/usr/bin/shellcheck", ["--severity=style", path])
        #expect(lint.status == 0, "\(lint.output)")
    }
}
