import DockerEngine
import Foundation

/// The check every test target makes before using the real engine at DOCKER_HOST: a Swarm
/// manager, with the images the target needs. Without one, tests skip with a printed reason,
/// unless PAAS_REQUIRE_COMPONENTS=1 (set by scripts/test) turns that into a failure.
public enum DockerProbe {
    public static var required: Bool {
        ProcessInfo.processInfo.environment["PAAS_REQUIRE_COMPONENTS"] == "1"
    }

    public static func host() throws -> DockerHost {
        try DockerHost.fromEnvironment()
    }

    /// Why the engine cannot be used, or nil when it can. Probed once per process and image set;
    /// a skip is announced once, naming `who`.
    public static func unavailableReason(images: [String] = [], who: String) async -> String? {
        await cache.result(images: images, who: who)
    }

    private static let cache = Cache()

    private actor Cache {
        private var probes: [[String]: Task<String?, Never>] = [:]

        func result(images: [String], who: String) async -> String? {
            if let probe = probes[images] { return await probe.value }
            let probe = Task {
                let reason = await DockerProbe.probe(images: images)
                if let reason, !DockerProbe.required {
                    print("\(who) skipped: \(reason) (PAAS_REQUIRE_COMPONENTS=1 makes this a failure)")
                }
                return reason
            }
            probes[images] = probe
            return await probe.value
        }
    }

    static func probe(images: [String]) async -> String? {
        do {
            let host = try host()
            return try await DockerClient.withConnection(host: host) { docker in
                let info = try await docker.system.info()
                guard info.swarm?.localNodeState == "active", info.swarm?.controlAvailable == true else {
                    return "engine at \(host) is not a Swarm manager (scripts/lib/dockerd.sh: dockerd_up)"
                }
                for image in images {
                    do {
                        _ = try await docker.images.inspect(image)
                    } catch let error as DockerError where error.isNotFound {
                        return "image \(image) missing (scripts/lib/dockerd.sh: dockerd_up builds it)"
                    }
                }
                return nil
            }
        } catch {
            return "Docker not usable at DOCKER_HOST: \(error)"
        }
    }
}
