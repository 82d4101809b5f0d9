import Foundation
import Testing
@testable import DockerEngine

extension DockerIntegration {
    @Suite("services, tasks and logs")
    struct ServiceTests {
        static func spec(_ run: TestRun, network: String) -> ServiceSpec {
            ServiceSpec(
                name: run.prefix + "-web",
                labels: run.labels,
                taskTemplate: TaskSpec(
                    containerSpec: ContainerSpec(
                        image: DockerTestSupport.busyboxImage,
                        labels: run.labels,
                        command: ["sh", "-c", "echo hello; while true; do echo tick; sleep 1; done"],
                        env: ["GREETING=v1"],
                        readOnly: true,
                        mounts: [.tmpfs("/tmp", sizeBytes: 1 << 20)],
                        stopGracePeriod: Duration.seconds(1).dockerNanoseconds,
                        initProcess: true,
                        capabilityDrop: ["ALL"]
                    ),
                    resources: ResourceRequirements(limits: ResourceLimit(nanoCPUs: 200_000_000, memoryBytes: 32 << 20, pids: 64)),
                    restartPolicy: RestartPolicy(condition: "any", delay: Duration.seconds(1).dockerNanoseconds),
                    networks: [NetworkAttachmentConfig(target: network, aliases: ["web"])]
                ),
                mode: .replicated(1),
                updateConfig: UpdateConfig(parallelism: 1, failureAction: UpdateConfig.rollback, order: UpdateConfig.startFirst),
                endpointSpec: EndpointSpec(mode: "dnsrr")
            )
        }

        @Test func serviceLifecycle() async throws {
            try await TestRun.with("svc") { docker, run in
                // An org network: overlay, encrypted, attachable.
                let networkID = try await docker.networks.create(.overlay(name: run.prefix + "-net", labels: run.labels))
                // Right after create, the engine can answer with a network whose driver and
                // options are not filled in yet; it settles within moments.
                var network = try await docker.networks.inspect(networkID)
                for _ in 0..<50 where network.driver?.isEmpty ?? true {
                    try await Task.sleep(for: .milliseconds(100))
                    network = try await docker.networks.inspect(networkID)
                }
                #expect(network.driver == "overlay")
                #expect(network.scope == "swarm")
                #expect(network.isEncrypted)
                #expect(network.attachable == true)
                #expect(try await docker.networks.list(filters: run.filter).map(\.id) == [networkID])
                await #expect {
                    try await docker.networks.create(.overlay(name: run.prefix + "-net"))
                } throws: { ($0 as? DockerError)?.statusCode == 409 }

                let created = try await docker.services.create(Self.spec(run, network: networkID))
                let serviceID = created.id

                // Running, with an address on the org network.
                let task = try await DockerTestSupport.eventually("a running task with an address") {
                    try await docker.tasks.list(service: serviceID, desiredState: .running)
                        .first { $0.isRunning && !$0.addresses(on: networkID).isEmpty }
                }
                let address = try #require(task.addresses(on: networkID).first)
                #expect(address.split(separator: ".").count == 4)
                #expect(task.nodeID?.isEmpty == false)
                #expect(task.desiredState == .running)
                #expect(task.status?.err == nil)
                // The engine's task `label` filter matches the service's labels.
                let byLabel = try await docker.tasks.list(filters: run.filter.with("desired-state", "running"))
                #expect(byLabel.map(\.id) == [task.id])
                #expect(byLabel.first?.serviceID == serviceID)

                // History, demultiplexed, with timestamps.
                let history = try await DockerTestSupport.eventually("hello in the logs") { () -> [LogLine]? in
                    let lines = try await docker.services.logs(serviceID, options: LogOptions(timestamps: true)).collect()
                    return lines.contains { $0.text == "hello" } ? lines : nil
                }
                #expect(history.allSatisfy { $0.stream == .stdout && $0.timestamp != nil })

                // Follow: new lines arrive, and leaving the loop stops the stream.
                let ticks = try await withTimeout(.seconds(20), "two followed ticks") {
                    var count = 0
                    for try await line in try await docker.services.logs(serviceID, options: LogOptions(follow: true, tail: 0)) {
                        if line.text == "tick" { count += 1 }
                        if count == 2 { break }
                    }
                    return count
                }
                #expect(ticks == 2)

                // Follow: cancelling the consumer's task ends it promptly.
                let consumer = Task {
                    var count = 0
                    // Cancellation may end the stream quietly or as a CancellationError, depending on
                    // whether it lands between reads or inside one: both are the prompt end wanted here.
                    do {
                        for try await _ in try await docker.services.logs(serviceID, options: LogOptions(follow: true, tail: 0)) {
                            count += 1
                        }
                    } catch is CancellationError {}
                    return count
                }
                try await Task.sleep(for: .milliseconds(2500))
                consumer.cancel()
                let followed = try await withTimeout(.seconds(5), "cancelled follow") { try await consumer.value }
                #expect(followed >= 1)

                // A stale version is refused with "update out of sequence".
                let current = try await docker.services.inspect(serviceID)
                var changed = current.spec
                changed.taskTemplate.containerSpec?.env = ["GREETING=v2"]
                try await docker.services.update(serviceID, version: current.version, spec: changed)
                await #expect {
                    try await docker.services.update(serviceID, version: current.version, spec: changed)
                } throws: { ($0 as? DockerError)?.isOutOfSequence == true }

                // modify survives a writer slipping in between its read and its write.
                var attempts = 0
                let written = try await docker.services.modify(serviceID) { spec in
                    attempts += 1
                    if attempts == 1 {
                        let fresh = try await docker.services.inspect(serviceID)
                        var other = fresh.spec
                        other.labels?["paas-test.other-writer"] = "1"
                        try await docker.services.update(serviceID, version: fresh.version, spec: other)
                    }
                    spec.taskTemplate.containerSpec?.env = ["GREETING=v3"]
                    spec.taskTemplate.forceUpdate = (spec.taskTemplate.forceUpdate ?? 0) + 1
                }
                #expect(attempts == 2)
                #expect(written.labels?["paas-test.other-writer"] == "1")
                let updated = try await docker.services.inspect(serviceID)
                #expect(updated.spec.taskTemplate.containerSpec?.env == ["GREETING=v3"])
                #expect(updated.spec.labels?["paas-test.other-writer"] == "1")
                #expect(updated.spec.taskTemplate.containerSpec?.capabilityDrop == ["ALL"])
                #expect(updated.spec.taskTemplate.resources?.limits?.pids == 64)

                // The rolling update converges to a new running task.
                _ = try await DockerTestSupport.eventually("update to complete", timeout: .seconds(90)) { () -> Bool? in
                    let service = try await docker.services.inspect(serviceID)
                    let running = try await docker.tasks.list(service: serviceID, desiredState: .running).filter(\.isRunning)
                    return service.updateStatus?.state == "completed" && running.count == 1 && running[0].id != task.id ? true : nil
                }

                // Listing by label finds exactly this service, with task counts.
                let listed = try await docker.services.list(filters: run.filter, status: true)
                #expect(listed.map(\.id) == [serviceID])
                #expect(listed.first?.serviceStatus?.desiredTasks == 1)
                #expect(try await docker.services.list(filters: .label("paas-test.run=\(run.prefix)-none")).isEmpty)

                try await docker.services.remove(serviceID)
                await #expect { _ = try await docker.services.inspect(serviceID) } throws: { ($0 as? DockerError)?.isNotFound == true }
                await #expect { try await docker.services.logs(serviceID) } throws: { ($0 as? DockerError)?.isNotFound == true }
                try await DockerTestSupport.removeNetwork(docker, networkID)
            }
        }
    }
}
