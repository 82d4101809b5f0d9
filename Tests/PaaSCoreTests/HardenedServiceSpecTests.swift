import DockerModels
import Foundation
import Testing
import PaaSCore

@Suite("Hardened service spec")
struct HardenedServiceSpecTests {
    static let org = "0f8fad5b-d9cb-469f-a165-70867728950e"

    static func process(_ type: String = "web", path: String? = nil, env: [String: String] = ["DATABASE_URL": "postgres://x"]) -> ProcessDeployment {
        ProcessDeployment(organizationID: org, appID: "app-1", appName: "shop", processType: type, quantity: 2, image: "registry:5000/org/shop:v3",
                          command: type == "web" ? nil : "bundle exec sidekiq", environment: env, releaseVersion: 3,
                          cpuMillis: 500, memoryMB: 256, locationSlug: "fra", healthCheckPath: path)
    }

    @Test("Names, labels, network and placement belong to the organization and location")
    func identity() throws {
        let spec = HardenedServiceSpec.make(Self.process())
        #expect(spec.name == "paas-0f8fad5b-shop-web")
        #expect(spec.labels?["paas.org"] == Self.org)
        #expect(spec.labels?["paas.release"] == "3")
        #expect(spec.taskTemplate.containerSpec?.labels?["paas.app"] == "app-1")
        #expect(spec.taskTemplate.networks?.map(\.target) == ["paas-org-\(Self.org)"])
        #expect(spec.taskTemplate.placement?.constraints == ["node.labels.paas.location==fra"])
        #expect(spec.mode?.replicated?.replicas == 2)
        #expect(spec.endpointSpec?.mode == "dnsrr")
        #expect(spec.endpointSpec?.ports == nil)
    }

    @Test("Runtime hardening: capabilities, read-only root, tmpfs only, init, limits")
    func runtime() throws {
        let spec = HardenedServiceSpec.make(Self.process())
        let container = try #require(spec.taskTemplate.containerSpec)
        #expect(container.capabilityDrop == ["ALL"])
        #expect(Set(container.capabilityAdd ?? []) == Set(HardenedServiceSpec.capabilityAdd))
        #expect(!(container.capabilityAdd ?? []).contains { ["SYS_ADMIN", "NET_ADMIN", "NET_RAW", "SYS_PTRACE", "MKNOD"].contains($0) })
        #expect(container.readOnly == true)
        #expect(container.mounts?.map(\.type) == ["tmpfs"])
        #expect(container.mounts?.first?.target == "/tmp")
        #expect(container.initProcess == true)
        let limits = try #require(spec.taskTemplate.resources?.limits)
        #expect(limits.nanoCPUs == 500_000_000)
        #expect(limits.memoryBytes == Int64(256 * 1024 * 1024))
        #expect(limits.pids == HardenedServiceSpec.pidsLimit)
        #expect(spec.taskTemplate.resources?.reservations?.memoryBytes == Int64(256 * 1024 * 1024))
        #expect(spec.taskTemplate.resources?.reservations?.nanoCPUs == 125_000_000)
        #expect(spec.updateConfig?.order == "start-first")
        #expect(spec.updateConfig?.failureAction == "rollback")
        #expect(spec.taskTemplate.logDriver?.options?["max-size"] == "10m")
    }

    @Test("Environment: config vars plus PORT, which a config var cannot override")
    func environment() throws {
        let spec = HardenedServiceSpec.make(Self.process(env: ["PORT": "80", "A": "1"]))
        let env = try #require(spec.taskTemplate.containerSpec?.env)
        #expect(env.contains("PORT=5000"))
        #expect(!env.contains("PORT=80"))
        #expect(env.contains("A=1"))
        #expect(env.contains("PAAS_RELEASE=v3"))
    }

    @Test("Web processes get a health check with a start period; workers none")
    func health() throws {
        let web = try #require(HardenedServiceSpec.make(Self.process(path: "/up")).taskTemplate.containerSpec?.healthcheck)
        #expect(web.test?.first == "CMD-SHELL")
        #expect(web.test?.last?.contains("http://127.0.0.1:5000/up") == true)
        #expect(web.startPeriod == 30_000_000_000)
        let tcp = try #require(HardenedServiceSpec.make(Self.process()).taskTemplate.containerSpec?.healthcheck)
        #expect(tcp.test?.last == HealthProbeScript.tcp(port: 5000))
        #expect(web.test?.last?.hasSuffix("else \(HealthProbeScript.tcp(port: 5000)); fi") == true)
        let worker = HardenedServiceSpec.make(Self.process("worker"))
        #expect(worker.taskTemplate.containerSpec?.healthcheck?.test == ["NONE"])
        #expect(worker.taskTemplate.containerSpec?.command == ["/bin/sh", "-c", "bundle exec sidekiq"])
    }

    @Test("A spec built by make has no violations")
    func clean() {
        #expect(HardenedServiceSpec.violations(of: HardenedServiceSpec.make(Self.process()), organizationID: Self.org).isEmpty)
    }

    @Test("Every weakening is caught", arguments: [
        "bind", "socket", "cap", "nodrop", "writable", "network", "ports", "label", "nolimit", "noplacement", "otherorg", "sysctl",
    ])
    func weakened(kind: String) {
        var spec = HardenedServiceSpec.make(Self.process())
        var container = spec.taskTemplate.containerSpec!
        switch kind {
        case "bind": container.mounts = [Mount(type: "bind", source: "/", target: "/host")]
        case "socket": container.mounts = [Mount(type: "bind", source: "/var/run/docker.sock", target: "/var/run/docker.sock")]
        case "cap": container.capabilityAdd = ["SYS_ADMIN"]
        case "nodrop": container.capabilityDrop = nil
        case "writable": container.readOnly = false
        case "network": spec.taskTemplate.networks?.append(NetworkAttachmentConfig(target: "paas-org-someone-else"))
        case "ports": spec.endpointSpec = EndpointSpec(ports: [PortConfig(targetPort: 22, publishedPort: 2222)])
        case "label": container.labels?["traefik.http.routers.x.rule"] = "Host(`victim.example`)"
        case "nolimit": spec.taskTemplate.resources = nil
        case "noplacement": spec.taskTemplate.placement = nil
        case "otherorg": spec.labels?["paas.org"] = "another"
        default: container.sysctls = ["net.ipv4.ip_forward": "1"]
        }
        spec.taskTemplate.containerSpec = container
        #expect(!HardenedServiceSpec.violations(of: spec, organizationID: Self.org).isEmpty, "\(kind) was not caught")
    }

    @Test("App names", arguments: [("My-Shop", "my-shop"), ("abc", "abc")])
    func appNames(raw: String, name: String) throws {
        #expect(try AppName.validate(raw) == name)
    }

    @Test("Bad app names", arguments: ["ab", "1shop", "shop-", "a--b", "admin", "sh op", String(repeating: "a", count: 31), "<x>"])
    func badAppNames(raw: String) {
        #expect(throws: ValidationFailure.self) { try AppName.validate(raw) }
    }

    @Test("Config var keys", arguments: [("DATABASE_URL", true), ("_X", true), ("1A", false), ("A-B", false), ("PORT", false), ("port", false), ("", false)])
    func configKeys(key: String, ok: Bool) {
        #expect(((try? ConfigVarKey.validate(key: key, value: "v")) != nil) == ok)
    }
}
