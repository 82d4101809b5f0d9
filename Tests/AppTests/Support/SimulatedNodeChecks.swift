import DockerEngine
import Foundation
import PaaSTestSupport
import Testing
import Vapor
@testable import App

/// What the install script and the control plane left on the simulated node, judged from
/// outside: its Docker API, its firewall and its ingress.
enum SimulatedNodeChecks {
    /// Only the control plane's client certificate opens the node's API, and the node proves it
    /// holds the certificate issued for its address.
    static func dockerAPI(_ app: Application, sim: SimulatedNode, node: WorkerNode, swarmID: String) async throws {
        let seen = try await NodeDockerAPI.withClient(node, app: app) { try await $0.system.info().swarm?.nodeID }
        #expect(seen == swarmID)
        let identity = try await ControlPlaneIdentity.load(on: app.db, box: app.secretBox)
        #expect(try await ControlPlaneIdentity.load(on: app.db, box: app.secretBox).certificatePEM == identity.certificatePEM)
        let tlsDirectory = sim.root + "/etc/docker/tls"
        #expect(try String(contentsOfFile: tlsDirectory + "/cert.pem", encoding: .utf8) == node.tlsCertificate)
        let daemon = try String(contentsOfFile: sim.root + "/etc/docker/daemon.json", encoding: .utf8)
        #expect(daemon.contains("tcp://\(sim.address):2376") && daemon.contains("\"tlsverify\": true"))
        // The node's own key (server auth only) opens nothing, and neither does no certificate at all.
        let strangers = [
            DockerTLS(caCertificate: .pem(identity.caPEM), clientCertificate: .file(tlsDirectory + "/cert.pem"), clientKey: .file(tlsDirectory + "/key.pem")),
            DockerTLS(caCertificate: .pem(identity.caPEM)),
        ]
        for tls in strangers {
            let client = try DockerClient(host: DockerHost(endpoint: .tcp(host: sim.address, port: NodeDockerAPI.port), tls: tls))
            await #expect(throws: (any Error).self) { _ = try await client.system.info() }
            try? await client.shutdown()
        }
    }

    /// The rules are in the node's own tables, and they act: the API port answers the manager's
    /// address (a TLS refusal without a certificate) and drops everything else.
    static func firewall(_ sim: SimulatedNode) throws {
        let rules = try ToolRun.run("/usr/bin/env", ["ip", "netns", "exec", sim.namespace, "iptables", "-S"])
        #expect(rules.output.contains("-A PAAS-DOCKERAPI-IN -s \(sim.hostAddress)/32 -j RETURN"), "\(rules.output)")
        #expect(rules.output.contains("-A PAAS-TENANT-IN -j DROP") && rules.output.contains("-A PAAS-CLUSTER-IN -j DROP"))
        // An ingress node: 80/443 stay public (ingressRoutes then reaches its Traefik through them).
        #expect(rules.output.contains("-A PAAS-PUBLIC-IN -j RETURN") && rules.output.contains("--dports 80,443 -j PAAS-PUBLIC-IN"), "\(rules.output)")
        let probe = ["curl", "-sk", "--max-time", "4", "-o", "/dev/null", "https://\(sim.address):\(NodeDockerAPI.port)/version"]
        let fromManager = try ToolRun.run("/usr/bin/env", probe)
        #expect(![0, 7, 28].contains(fromManager.status), "from the manager: curl status \(fromManager.status) \(fromManager.output)")
        let fromElsewhere = try ToolRun.run("/usr/bin/env", ["ip", "netns", "exec", sim.namespace] + probe)
        #expect(fromElsewhere.status == 28, "from another address: curl status \(fromElsewhere.status) \(fromElsewhere.output)")
    }

    /// The control plane started the location's Traefik on the node when it joined: running,
    /// published on 80/443 there, ACME storage in a volume, and no Docker socket or host path.
    static func ingressStarted(_ app: Application, simDocker: DockerClient, slug: String, nodeID: String, admin: String) async throws {
        let name = IngressManager.containerName(slug)
        let deadline = ContinuousClock.now + .seconds(60)
        var container = try? await simDocker.containers.inspect(name)
        let id = try #require(UUID(uuidString: nodeID))
        // Until the control plane has also recorded what it found: that comes right after the start.
        var recorded = try await NodeIngressState.load(id, on: app.db)
        while container?.state?.running != true || recorded == nil, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(500))
            container = try? await simDocker.containers.inspect(name)
            recorded = try await NodeIngressState.load(id, on: app.db)
        }
        let running = try #require(container, "no \(name) on the node 60 s after it joined")
        #expect(running.state?.running == true)
        let binds = running.hostConfig?.binds ?? []
        #expect(binds == ["\(name):/data"], "\(binds)")
        #expect(running.config?.labels?["paas.location"] == slug)
        let detail = try await app.send(.GET, "/api/admin/paas/nodes/\(nodeID)", token: admin).json()
        let ingress = detail["ingress"] as? [String: Any] ?? [:]
        #expect(ingress["running"] as? Bool == true && (ingress["message"] as? String)?.contains(name) == true, "\(detail)")
    }

    /// A visitor at the node's address gets the app, through the Traefik on that node.
    static func ingressRoutes(_ app: Application, sim: SimulatedNode, appID: String, client: String) async throws {
        let domains = try await app.send(.GET, "/api/paas/domains?app_id=\(appID)", token: client)
        let list = try JSONSerialization.jsonObject(with: Data(domains.body.string.utf8)) as? [[String: Any]] ?? []
        let hostname = try #require(list.first?["hostname"] as? String, "\(domains.body.string)")
        #expect(hostname.contains(sim.address.replacingOccurrences(of: ".", with: "-")) || hostname.contains(sim.address), "\(hostname)")
        let port = try await app.ingressConfig().httpPort
        let probe = ["curl", "-s", "--max-time", "3", "-H", "Host: \(hostname)", "http://\(sim.address):\(port)/"]
        let deadline = ContinuousClock.now + .seconds(45)
        var answer = try ToolRun.run("/usr/bin/env", probe)
        while !answer.output.contains("hello-from-paas"), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(500))
            answer = try ToolRun.run("/usr/bin/env", probe)
        }
        #expect(answer.output.contains("hello-from-paas"), "curl \(probe.last ?? "") as \(hostname): status \(answer.status) \(answer.output)")
    }

    /// A node that stops answering: its dockerd frozen (SIGSTOP), Swarm stops hearing its
    /// heartbeat, and the sync marks it down with Swarm's reason, once; thawed, it is ready again.
    static func outage(_ app: Application, docker: DockerClient, sim: SimulatedNode, nodeID: String, admin: String) async throws {
        let pidFile = (sim.restart as NSString).deletingLastPathComponent + "/docker.pid"
        let pid = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, SIGSTOP) == 0)
        var frozen = true
        defer { if frozen { kill(pid, SIGCONT) } }
        var wentDown: [String] = []
        let down = try await syncUntil(app, docker: docker, nodeID: nodeID, admin: admin, status: "down") { wentDown += $0.wentDown }
        #expect(down["status"] as? String == "down", "\(down)")
        #expect((down["last_error"] as? String)?.isEmpty == false, "the record says why: \(down)")
        #expect(wentDown.count == 1, "one alert for one outage: \(wentDown)")
        #expect(kill(pid, SIGCONT) == 0)
        frozen = false
        let back = try await syncUntil(app, docker: docker, nodeID: nodeID, admin: admin, status: "ready") { _ in }
        #expect(back["status"] as? String == "ready", "\(back)")
    }

    /// Runs the node sync every second, up to 90 s, until the node's API shows `status`.
    private static func syncUntil(_ app: Application, docker: DockerClient, nodeID: String, admin: String, status: String,
                                  _ each: (NodeSync.Summary) -> Void) async throws -> [String: Any] {
        var node: [String: Any] = [:]
        let deadline = ContinuousClock.now + .seconds(90)
        while ContinuousClock.now < deadline {
            each(try await NodeSync(db: app.db, docker: docker).run())
            node = (try await app.send(.GET, "/api/admin/paas/nodes/\(nodeID)", token: admin).json()["node"] as? [String: Any]) ?? [:]
            if node["status"] as? String == status { break }
            try await Task.sleep(for: .seconds(1))
        }
        return node
    }
}
