import Foundation
import Testing
@testable import DockerEngine

@Suite("Service spec coding")
struct SpecCodingTests {
    func json(_ value: some Encodable) throws -> String {
        String(decoding: try DockerJSON.encoder.encode(value), as: UTF8.self)
    }

    @Test func minimalSpecOmitsNils() throws {
        let spec = ServiceSpec(taskTemplate: TaskSpec(containerSpec: ContainerSpec(image: "busybox:1")))
        #expect(try json(spec) == #"{"TaskTemplate":{"ContainerSpec":{"Image":"busybox:1"}}}"#)
    }

    @Test func hardenedSpecUsesDockerKeys() throws {
        let spec = ServiceSpec(
            name: "org-1-web",
            labels: ["paas.app": "web"],
            taskTemplate: TaskSpec(
                containerSpec: ContainerSpec(
                    image: "registry/org-1/web:v3",
                    command: ["sh", "-c"],
                    args: ["exec web"],
                    env: ["PORT=5000"],
                    user: "1000:1000",
                    readOnly: true,
                    mounts: [.tmpfs("/tmp", sizeBytes: 64 << 20, mode: 0o1777)],
                    stopGracePeriod: Duration.seconds(10).dockerNanoseconds,
                    healthcheck: HealthConfig(test: ["CMD-SHELL", "nc -z 127.0.0.1 5000"], interval: 2_000_000_000,
                                              timeout: 1_000_000_000, retries: 3, startPeriod: 30_000_000_000),
                    initProcess: true,
                    sysctls: ["net.ipv4.ip_unprivileged_port_start": "0"],
                    capabilityAdd: ["CAP_NET_BIND_SERVICE"],
                    capabilityDrop: ["ALL"],
                    ulimits: [Ulimit(name: "nofile", soft: 1024, hard: 2048)]
                ),
                resources: ResourceRequirements(
                    limits: ResourceLimit(nanoCPUs: 500_000_000, memoryBytes: 256 << 20, pids: 256),
                    reservations: ResourceLimit(nanoCPUs: 100_000_000, memoryBytes: 64 << 20)
                ),
                restartPolicy: RestartPolicy(condition: "any", delay: 1_000_000_000),
                placement: Placement(constraints: ["node.labels.paas.location==fra1"]),
                networks: [NetworkAttachmentConfig(target: "org-1", aliases: ["web"])],
                logDriver: LogDriver(name: "json-file", options: ["max-size": "10m"]),
                forceUpdate: 2
            ),
            mode: .replicated(2),
            updateConfig: UpdateConfig(parallelism: 1, failureAction: UpdateConfig.rollback, monitor: 5_000_000_000, order: UpdateConfig.startFirst),
            rollbackConfig: UpdateConfig(order: UpdateConfig.stopFirst),
            endpointSpec: EndpointSpec(mode: "dnsrr")
        )
        let text = try json(spec)
        for key in ["\"Name\":\"org-1-web\"", "\"TaskTemplate\"", "\"ContainerSpec\"", "\"Init\":true", "\"ReadOnly\":true",
                    "\"CapabilityDrop\":[\"ALL\"]", "\"CapabilityAdd\"", "\"Healthcheck\"", "\"StartPeriod\":30000000000",
                    "\"StopGracePeriod\":10000000000", "\"NanoCPUs\":500000000", "\"MemoryBytes\":268435456", "\"Pids\":256",
                    "\"TmpfsOptions\":{\"Mode\":1023,\"SizeBytes\":67108864}", "\"Type\":\"tmpfs\"", "\"Sysctls\"", "\"Ulimits\"",
                    "\"Constraints\"", "\"Networks\":[{\"Aliases\":[\"web\"],\"Target\":\"org-1\"}]", "\"LogDriver\"",
                    "\"ForceUpdate\":2", "\"Mode\":{\"Replicated\":{\"Replicas\":2}}", "\"Order\":\"start-first\"",
                    "\"FailureAction\":\"rollback\"", "\"RollbackConfig\"", "\"EndpointSpec\":{\"Mode\":\"dnsrr\"}"] {
            #expect(text.contains(key), "missing \(key)")
        }
        #expect(!text.contains("null"))
        // Reservations carry no Pids: nil is omitted, not sent as 0.
        #expect(text.contains(#""Reservations":{"MemoryBytes":67108864,"NanoCPUs":100000000}"#))

        let back = try DockerJSON.decoder.decode(ServiceSpec.self, from: Data(text.utf8))
        #expect(back == spec)
    }

    @Test func decodingToleratesUnknownFields() throws {
        let body = #"""
        {"ID":"svc1","Version":{"Index":42},"CreatedAt":"2024-01-01T00:00:00Z","Spec":{"Name":"x","Labels":{},
         "TaskTemplate":{"ContainerSpec":{"Image":"img@sha256:ab","Isolation":"default","Privileges":{"NoNewPrivileges":true}},
         "Runtime":"container","Unknown":{"deep":[1,2]}},"Mode":{"Replicated":{"Replicas":1}},"EndpointSpec":{"Mode":"vip"}},
         "Endpoint":{"Spec":{},"VirtualIPs":[{"NetworkID":"n","Addr":"10.0.0.2/24"}]},"Brand":"new"}
        """#
        let service = try DockerJSON.decoder.decode(SwarmService.self, from: Data(body.utf8))
        #expect(service.id == "svc1")
        #expect(service.version.index == 42)
        #expect(service.spec.taskTemplate.containerSpec?.image == "img@sha256:ab")
        #expect(service.spec.mode == .replicated(1))
        #expect(service.endpoint?.virtualIPs?.first?.addr == "10.0.0.2/24")
    }

    @Test func taskDecodingAndAddresses() throws {
        let body = #"""
        {"ID":"t1","Version":{"Index":9},"ServiceID":"s1","NodeID":"n1","Slot":1,"Labels":{},
         "Status":{"Timestamp":"2024","State":"running","Message":"started",
                   "ContainerStatus":{"ContainerID":"c1","PID":12,"ExitCode":0},"PortStatus":{}},
         "DesiredState":"running",
         "NetworksAttachments":[{"Network":{"ID":"net1","Spec":{"Name":"org-1"}},"Addresses":["10.200.1.5/24"]},
                                {"Network":{"ID":"ing","Spec":{"Name":"ingress"}},"Addresses":["10.0.0.9/24"]}]}
        """#
        let task = try DockerJSON.decoder.decode(SwarmTask.self, from: Data(body.utf8))
        #expect(task.isRunning)
        #expect(task.desiredState == .running)
        #expect(task.status?.containerID == "c1")
        #expect(task.addresses(on: "org-1") == ["10.200.1.5"])
        #expect(task.addresses(on: "net1") == ["10.200.1.5"])
        #expect(task.addresses() == ["10.200.1.5", "10.0.0.9"])
        #expect(TaskState(rawValue: "future-state").isTerminal == false)
        #expect(TaskState.failed.isTerminal)
    }

    @Test func networkRequest() throws {
        let text = try json(NetworkCreateRequest.overlay(name: "org-1", labels: ["paas.org": "1"]))
        #expect(text == #"{"Attachable":true,"CheckDuplicate":true,"Driver":"overlay","Labels":{"paas.org":"1"},"Name":"org-1","Options":{"encrypted":""}}"#)
    }

    @Test func filtersUseTheMapForm() {
        #expect(DockerFilters().queryValue == nil)
        #expect(DockerFilters.label("a=b").with("label", "c").with("label", "a=b").queryValue
            == #"{"label":{"a=b":true,"c":true}}"#)
        let literal: DockerFilters = ["service": "web", "desired-state": "running"]
        #expect(literal.values == ["service": ["web"], "desired-state": ["running"]])
    }

    @Test func registryAuthHeader() {
        #expect(RegistryAuth.none.headerValue == "e30=")
        let auth = RegistryAuth(username: "u", password: "p?>", serverAddress: "r:5000")
        let decoded = Data(base64Encoded: auth.headerValue.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/"))
        #expect(decoded.map { String(decoding: $0, as: UTF8.self) } == #"{"password":"p?>","serveraddress":"r:5000","username":"u"}"#)
    }

    @Test func apiVersions() {
        #expect(DockerAPIVersion("1.41") == DockerAPIVersion(major: 1, minor: 41))
        #expect(DockerAPIVersion("1.9")! < DockerAPIVersion("1.41")!)
        #expect(DockerAPIVersion("1") == nil)
        #expect(DockerAPIVersion("x.1") == nil)
        #expect(DockerAPIVersion.negotiate(daemon: DockerAPIVersion("1.41")!) == DockerAPIVersion("1.41"))
        #expect(DockerAPIVersion.negotiate(daemon: DockerAPIVersion("1.51")!) == .newestKnown)
    }

    @Test func requestTargets() {
        var request = DockerRequest(.GET, "/services", query: [("filters", #"{"label":{"a=b c":true}}"#), ("skip", nil)])
        #expect(request.target(version: DockerAPIVersion("1.41")) == "/v1.41/services?filters=%7B%22label%22%3A%7B%22a%3Db%20c%22%3Atrue%7D%7D")
        request.query = []
        #expect(request.target(version: nil) == "/services")
        #expect(DockerRequest.segment("127.0.0.1:5000/org-1/web:v3") == "127.0.0.1:5000/org-1/web:v3")
        #expect(DockerRequest.segment("a b#") == "a%20b%23")
    }

    @Test func imageReferenceSplit() {
        #expect(ImagesAPI.split("127.0.0.1:5000/org-1/web:v3") == ("127.0.0.1:5000/org-1/web", "v3"))
        #expect(ImagesAPI.split("127.0.0.1:5000/org-1/web") == ("127.0.0.1:5000/org-1/web", nil))
        #expect(ImagesAPI.split("busybox") == ("busybox", nil))
    }

    @Test func durations() {
        #expect(Duration.seconds(2).dockerNanoseconds == 2_000_000_000)
        #expect(Duration.milliseconds(1500).dockerNanoseconds == 1_500_000_000)
    }
}
