import Foundation
import Testing
@testable import PaaSCore

@Suite("Build sandbox: the runtime spec of a RUN step")
struct BuildSandboxTests {
    static let dockerDefault = ["CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
                                "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE"]

    static func spec(cgroupsPath: String?, pids: Int? = nil, capabilities: [String] = dockerDefault) throws -> Data {
        var linux: [String: Any] = ["resources": ["memory": ["limit": 536_870_912]]]
        if let cgroupsPath { linux["cgroupsPath"] = cgroupsPath }
        if let pids { linux["resources"] = ["pids": ["limit": pids]] }
        let sets = ["bounding": capabilities, "effective": capabilities, "permitted": capabilities, "inheritable": capabilities]
        let root: [String: Any] = ["ociVersion": "1.0.2-dev", "process": ["args": ["/bin/sh", "-c", "make"], "capabilities": sets],
                                   "linux": linux, "hooks": ["prestart": [["path": "/proc/1/exe", "args": ["libnetwork-setkey"]]]]]
        return try JSONSerialization.data(withJSONObject: root)
    }

    static func decode(_ data: Data?) throws -> [String: Any] {
        let bytes = try #require(data)
        return try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any])
    }

    @Test("A build step keeps only the app set of capabilities, gets no new privileges and the pids cap; the rest is untouched")
    func confinesBuildStep() throws {
        let out = try Self.decode(try BuildSandbox.confine(spec: try Self.spec(cgroupsPath: "/paas-build/abc123")))
        let process = try #require(out["process"] as? [String: Any])
        let capabilities = try #require(process["capabilities"] as? [String: [String]])
        let expected = Self.dockerDefault.filter { HardenedServiceSpec.capabilityAdd.contains(String($0.dropFirst(4))) }
        #expect(expected.count == HardenedServiceSpec.capabilityAdd.count)
        for set in ["bounding", "effective", "permitted", "inheritable"] { #expect(capabilities[set] == expected, "\(set)") }
        #expect(capabilities["ambient"] == [])
        #expect(process["noNewPrivileges"] as? Bool == true)
        #expect(process["args"] as? [String] == ["/bin/sh", "-c", "make"])
        let linux = try #require(out["linux"] as? [String: Any])
        let resources = try #require(linux["resources"] as? [String: Any])
        #expect((resources["pids"] as? [String: Any])?["limit"] as? Int == BuildSandbox.pidsLimit)
        #expect((resources["memory"] as? [String: Any])?["limit"] as? Int == 536_870_912)
        #expect(out["hooks"] != nil)
    }

    @Test("Capabilities are only taken away, and a tighter pids cap stays")
    func neverWidens() throws {
        let narrow = try Self.spec(cgroupsPath: "paas-build.slice:docker:abc", pids: 64, capabilities: ["CAP_CHOWN"])
        let out = try Self.decode(try BuildSandbox.confine(spec: narrow))
        let capabilities = (out["process"] as? [String: Any])?["capabilities"] as? [String: [String]]
        #expect(capabilities?["bounding"] == ["CAP_CHOWN"])
        let pids = ((out["linux"] as? [String: Any])?["resources"] as? [String: Any])?["pids"] as? [String: Any]
        #expect(pids?["limit"] as? Int == 64)
        let unlimited = try Self.decode(try BuildSandbox.confine(spec: try Self.spec(cgroupsPath: "/paas-build/x", pids: -1)))
        let capped = ((unlimited["linux"] as? [String: Any])?["resources"] as? [String: Any])?["pids"] as? [String: Any]
        #expect(capped?["limit"] as? Int == BuildSandbox.pidsLimit)
    }

    @Test("Other containers pass through untouched; a spec that is not JSON is refused")
    func othersUntouched() throws {
        for path in [nil, "/docker/abc", "system.slice:docker:abc", "/paas-buildx/abc", "/other/paas-build/abc"] {
            #expect(try BuildSandbox.confine(spec: try Self.spec(cgroupsPath: path)) == nil, "\(path ?? "none")")
        }
        #expect(throws: BuildSandbox.SpecError.self) { try BuildSandbox.confine(spec: Data("not json".utf8)) }
        #expect(BuildSandbox.cgroupParent(driver: "systemd") == "paas-build.slice")
        #expect(BuildSandbox.cgroupParent(driver: "cgroupfs") == "/paas-build")
        #expect(BuildSandbox.isBuildStep(cgroupsPath: BuildSandbox.cgroupParent(driver: "cgroupfs") + "/id"))
        #expect(BuildSandbox.isBuildStep(cgroupsPath: BuildSandbox.cgroupParent(driver: "systemd") + ":docker:id"))
    }
}
