import Foundation
import Testing
@testable import DockerEngine

extension DockerIntegration {
    @Suite("containers and network attachment")
    struct ContainerTests {
        @Test func containerLifecycleExecAndNetworkConnect() async throws {
            try await TestRun.with("ctr") { docker, run in
                let name = run.prefix + "-sleeper"
                let id = try await docker.containers.create(name: name, ContainerCreateRequest(
                    image: DockerTestSupport.busyboxImage,
                    cmd: ["sh", "-c", "echo out; echo err >&2; exec sleep 300"],
                    labels: run.labels,
                    hostConfig: HostConfig(networkMode: "none", pidsLimit: 32, capDrop: ["ALL"], initProcess: true)
                ))
                await #expect {
                    try await docker.containers.create(name: name, ContainerCreateRequest(image: DockerTestSupport.busyboxImage))
                } throws: { ($0 as? DockerError)?.statusCode == 409 }
                try await docker.containers.start(id)
                try await docker.containers.start(id)  // 304 is success
                #expect(try await docker.containers.inspect(id).state?.running == true)
                #expect(try await docker.containers.list(filters: run.filter).map(\.id) == [id])

                let lines = try await DockerTestSupport.eventually("container output") { () -> [LogLine]? in
                    let lines = try await docker.containers.logs(id).collect()
                    return lines.count >= 2 ? lines : nil
                }
                #expect(lines.contains(LogLine(stream: .stdout, text: "out")))
                #expect(lines.contains(LogLine(stream: .stderr, text: "err")))

                let echo = try await docker.containers.exec(id, command: ["echo", "hi"])
                #expect(echo == ExecResult(exitCode: 0, stdout: "hi", stderr: ""))
                let failing = try await docker.containers.exec(id, command: ["sh", "-c", "echo bad >&2; exit 3"], env: ["X=1"])
                #expect(failing.exitCode == 3)
                #expect(failing.stderr == "bad")

                try await docker.containers.remove(id, force: true)
                await #expect { _ = try await docker.containers.inspect(id) } throws: { ($0 as? DockerError)?.isNotFound == true }
            }
        }

        @Test func liveNetworkConnectAndDisconnect() async throws {
            try await TestRun.with("attach") { docker, run in
                let networkID = try await docker.networks.create(.overlay(name: run.prefix + "-org", labels: run.labels))
                let id = try await docker.containers.create(name: run.prefix + "-router", ContainerCreateRequest(
                    image: DockerTestSupport.busyboxImage, cmd: ["sleep", "300"], labels: run.labels))
                try await docker.containers.start(id)

                try await docker.networks.connect(networkID, container: id, aliases: ["router"])
                let attached = try await docker.containers.inspect(id)
                let endpoint = try #require(attached.networkSettings?.networks?[run.prefix + "-org"])
                #expect(endpoint.networkID == networkID)
                #expect(endpoint.ipAddress?.isEmpty == false)
                #expect(endpoint.aliases?.contains("router") == true)
                #expect(try await docker.networks.inspect(networkID).containers?[id] != nil)

                try await docker.networks.disconnect(networkID, container: id)
                #expect(try await docker.containers.inspect(id).networkSettings?.networks?[run.prefix + "-org"] == nil)

                try await docker.containers.remove(id, force: true)
                try await DockerTestSupport.removeNetwork(docker, networkID)
            }
        }

        @Test func waitAndTTYLogs() async throws {
            try await TestRun.with("wait") { docker, run in
                let exiting = try await docker.containers.create(ContainerCreateRequest(
                    image: DockerTestSupport.busyboxImage, cmd: ["sh", "-c", "echo tty-line; exit 4"],
                    labels: run.labels, tty: true, hostConfig: HostConfig(networkMode: "none")))
                try await docker.containers.start(exiting)
                #expect(try await docker.containers.wait(exiting) == 4)
                #expect(try await docker.containers.inspect(exiting).state?.exitCode == 4)
                let lines = try await docker.containers.logs(exiting).collect()
                #expect(lines.map(\.text) == ["tty-line"])
                try await docker.containers.remove(exiting)
            }
        }
    }
}
