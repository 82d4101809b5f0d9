import DockerEngine
import PaaSCore

/// The host settings of every container that runs tenant code at build time: made like an app's
/// task (all capabilities dropped but the app set, no new privileges, pids and memory caps, the
/// build network, an init), with no mounts, no socket and no credentials.
enum BuildContainer {
    static func hostConfig(_ settings: BuildSettings) -> HostConfig {
        HostConfig(networkMode: settings.network, memory: settings.memoryMB * 1024 * 1024, nanoCPUs: 1_000_000_000,
                   pidsLimit: 1024, readonlyRootfs: false, capAdd: HardenedServiceSpec.capabilityAdd, capDrop: ["ALL"],
                   securityOpt: ["no-new-privileges"], initProcess: true)
    }

    /// Creates the container, hands it to `body`, and removes it however `body` ends.
    static func with<T>(_ docker: DockerClient, name: String, _ request: ContainerCreateRequest,
                        _ body: (String) async throws -> T) async throws -> T {
        // The name is the deployment's: one left there is this build's, from a control plane that
        // stopped mid-build, and would keep its resumption from starting.
        try? await docker.containers.remove(name, force: true)
        let id = try await docker.containers.create(name: name, request)
        do {
            let result = try await body(id)
            try? await docker.containers.remove(id, force: true)
            return result
        } catch {
            try? await docker.containers.remove(id, force: true)
            throw error
        }
    }

    /// Starts the container, streams its output into the build log until it exits, and returns
    /// its exit status. Buildpacks mark their own headings (`----->`) and warnings (` !`), as on Heroku.
    static func runLogged(_ docker: DockerClient, _ id: String, log: (String) async -> Void) async throws -> Int {
        try await docker.containers.start(id)
        for try await line in try await docker.containers.logs(id, options: LogOptions(follow: true), tty: false) {
            let text = line.text
            await log(text.hasPrefix("----->") || text.hasPrefix(" !") ? text : "       " + text)
        }
        return try await docker.containers.wait(id)
    }
}
