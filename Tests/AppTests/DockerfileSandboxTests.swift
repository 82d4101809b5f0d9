import DockerEngine
import Foundation
import PaaSCore
import Testing
import Vapor
@testable import App

/// The RUN steps of a pushed Dockerfile run under paas-runc (scripts/lib/dockerd.sh makes it the
/// engine's default runtime): an app's capabilities, no new privileges, the pids cap. Each probe
/// is first shown to see more when the same Dockerfile is built straight through the engine.
@Suite("Dockerfile build sandbox", .serialized, .enabled { await DockerAvailability.shouldRun() })
struct DockerfileSandboxTests {
    /// Prints what confines the step, and tries two things an app's task may not do. The run's
    /// nonce keeps the engine from answering with a cached layer, which would print nothing.
    static let probe = "RUN echo nonce=\(UUID().uuidString); " + #"""
        grep -E '^(CapBnd|CapEff|NoNewPrivs):' /proc/self/status; \
            echo "pids.max=$(cat /sys/fs/cgroup/pids/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids.max)"; \
            if mknod /tmp/null c 1 3 2>/dev/null; then echo mknod=allowed; else echo mknod=refused; fi; \
            if chroot / true 2>/dev/null; then echo chroot=allowed; else echo chroot=refused; fi
        """#

    /// The kernel's bit numbers of the app set's capabilities (linux/capability.h).
    static let bits = ["CHOWN": 0, "DAC_OVERRIDE": 1, "FOWNER": 3, "KILL": 5, "SETGID": 6, "SETUID": 7, "NET_BIND_SERVICE": 10]

    static var appMask: String {
        let mask = HardenedServiceSpec.capabilityAdd.reduce(UInt64(0)) { $0 | (1 << UInt64(bits[$1]!)) }
        let hex = String(mask, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The value a probe printed on a line of its own (git's `remote:` prefix aside), never the
    /// echo of the step's command that Docker prints first.
    static func value(_ key: String, in output: String) -> String? {
        for raw in output.split(whereSeparator: \.isNewline) {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("remote:") { line = String(line.dropFirst("remote:".count)).trimmingCharacters(in: .whitespaces) }
            for separator in [":", "="] where line.hasPrefix(key + separator) {
                return String(line.dropFirst(key.count + 1)).trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    @Test("A pushed Dockerfile's RUN steps get an app's capabilities, no new privileges and the pids cap, and the app deploys")
    func runStepsConfined() async throws {
        #expect(Self.appMask == "00000000000004eb", "the app set changed: update the bit table")
        try await PushableApp.with { app, docker, pushed in
            try pushed.work.write("Dockerfile", GitPushTests.dockerfile("sandboxed", extra: Self.probe))
            try await pushed.work.commit("probe")
            let push = try await pushed.push()
            #expect(push.status == 0, "\(push.output)")
            #expect(push.output.contains("remote: -----> v1 is live"))
            #expect(Self.value("CapBnd", in: push.output) == Self.appMask, "\(push.output)")
            #expect(Self.value("CapEff", in: push.output) == Self.appMask)
            #expect(Self.value("NoNewPrivs", in: push.output) == "1")
            #expect(Self.value("pids.max", in: push.output) == String(BuildSandbox.pidsLimit))
            #expect(Self.value("mknod", in: push.output) == "refused")
            #expect(Self.value("chroot", in: push.output) == "refused")

            // The control: the same steps through Docker's build API without the sandbox's cgroup.
            let context = TarWriter.file("Dockerfile", "FROM \(GitPushTests.base)\n\(Self.probe)\n") + TarWriter.end
            var plain = ""
            for try await message in try await docker.images.build(context: context, options: BuildOptions(tags: ["paas-test/sandbox-control:1"], noCache: true, networkMode: "none")) {
                plain += message.stream ?? ""
            }
            try? await docker.images.remove("paas-test/sandbox-control:1", force: true)
            #expect(Self.value("CapBnd", in: plain) != nil, "\(plain)")
            #expect(Self.value("CapBnd", in: plain) != Self.appMask, "the probe cannot tell the sandbox apart: \(plain)")
            #expect(Self.value("NoNewPrivs", in: plain) == "0")
            #expect(Self.value("mknod", in: plain) == "allowed")
            #expect(Self.value("chroot", in: plain) == "allowed")
        }
    }

    @Test("An engine without paas-runc as its default runtime gets no Dockerfile build, and the operator is told why")
    func refusedWithoutTheRuntime() async throws {
        let captured = CapturedLog()
        let main = try DockerClient(host: try DockerAvailability.host())
        let sandbox = DockerfileSandbox(docker: main, required: true, logger: captured.logger(label: "sandbox"))
        let parent = try await sandbox.cgroupParent()
        let line = try await DockerfileSandbox.status(of: main, required: true)
        try await main.shutdown()
        #expect(line.contains("confined by paas-runc"), "paas bootstrap would print: \(line)")
        #expect(parent == "/paas-build" || parent == "paas-build.slice")

        let plain = try JSONDecoder().decode(SystemInfo.self, from: Data(#"{"DefaultRuntime": "runc", "CgroupDriver": "systemd"}"#.utf8))
        #expect(throws: DockerfileBuilder.Failed.self) { try sandbox.cgroupParent(on: plain) }
        #expect(captured.text.contains("the build engine's default runtime is runc, not paas-build"), "\(captured.text)")
        #expect(BuildFailure.message(DockerfileBuilder.Failed(message: DockerfileSandbox.unavailable)).contains("unavailable until"))
        let systemd = try JSONDecoder().decode(SystemInfo.self, from: Data(#"{"DefaultRuntime": "paas-build", "CgroupDriver": "systemd"}"#.utf8))
        #expect(try sandbox.cgroupParent(on: systemd) == "paas-build.slice")

        // Turned off by the operator: no cgroup, and a warning in the log.
        let off = DockerfileSandbox(docker: main, required: false, logger: captured.logger(label: "sandbox"))
        #expect(try await off.cgroupParent() == nil)
        #expect(captured.text.contains("PAAS_DOCKERFILE_SANDBOX=off"))
    }
}
