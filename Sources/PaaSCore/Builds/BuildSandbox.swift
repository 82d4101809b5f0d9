import Foundation

/// What makes a Dockerfile's `RUN` steps as confined as an app's task. Docker's build API has no
/// capability, no-new-privileges or pids options, but it does take a cgroup parent. The platform
/// puts its Dockerfile builds under one, and `paas-runc`, the build engine's default OCI runtime,
/// rewrites the spec of every container it finds there before handing it to runc.
public enum BuildSandbox {
    /// The name of that runtime in the engine's `runtimes`, which must be its default.
    public static let runtimeName = "paas-build"
    public static let pidsLimit = 1024

    /// The cgroup parent for the engine's cgroup driver: systemd wants a slice name.
    public static func cgroupParent(driver: String?) -> String {
        driver == "systemd" ? "paas-build.slice" : "/paas-build"
    }

    /// Whether an OCI `linux.cgroupsPath` is one the platform gave a build step, in either
    /// driver's form (`/paas-build/<id>` or `paas-build.slice:docker:<id>`).
    public static func isBuildStep(cgroupsPath: String) -> Bool {
        cgroupsPath.hasPrefix("/paas-build/") || cgroupsPath.hasPrefix("paas-build.slice:")
    }

    public struct SpecError: Error, Equatable {
        public let message: String
    }

    /// The runtime spec of a build step, confined; nil when `spec` is not a build step's, which
    /// then runs exactly as the engine made it. Capabilities are only ever taken away: each set
    /// keeps what it had of the app set.
    public static func confine(spec: Data) throws -> Data? {
        guard var root = try? JSONSerialization.jsonObject(with: spec) as? [String: Any] else {
            throw SpecError(message: "the runtime spec is not a JSON object")
        }
        var linux = root["linux"] as? [String: Any] ?? [:]
        guard let path = linux["cgroupsPath"] as? String, isBuildStep(cgroupsPath: path) else { return nil }
        guard var process = root["process"] as? [String: Any] else {
            throw SpecError(message: "the build step's runtime spec has no process")
        }
        let allowed = Set(HardenedServiceSpec.capabilityAdd.map { "CAP_" + $0 })
        var capabilities = process["capabilities"] as? [String: Any] ?? [:]
        for set in ["bounding", "effective", "inheritable", "permitted", "ambient"] {
            let held = capabilities[set] as? [String] ?? []
            capabilities[set] = held.filter(allowed.contains)
        }
        process["capabilities"] = capabilities
        process["noNewPrivileges"] = true
        root["process"] = process
        var resources = linux["resources"] as? [String: Any] ?? [:]
        let limit = (resources["pids"] as? [String: Any])?["limit"] as? Int
        resources["pids"] = ["limit": min(limit.flatMap { $0 > 0 ? $0 : nil } ?? pidsLimit, pidsLimit)]
        linux["resources"] = resources
        root["linux"] = linux
        return try JSONSerialization.data(withJSONObject: root)
    }
}
