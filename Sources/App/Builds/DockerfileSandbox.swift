import DockerEngine
import Logging
import PaaSCore

/// Where a Dockerfile's `RUN` steps go: under the cgroup that `paas-runc` confines (see
/// `BuildSandbox`). That works only while paas-runc is the build engine's default runtime, so a
/// build on an engine without it is refused rather than run with Docker's default capabilities,
/// unless the operator turned the sandbox off.
struct DockerfileSandbox {
    let docker: DockerClient
    let required: Bool
    let logger: Logger

    static let unavailable = "Dockerfile builds are unavailable until the platform's build engine runs them sandboxed; the operator has been told."

    /// One line for `paas bootstrap`: whether this engine can take Dockerfile builds.
    static func status(of docker: DockerClient, required: Bool) async throws -> String {
        let runtime = try await docker.system.info().defaultRuntime ?? "unknown"
        if runtime == BuildSandbox.runtimeName { return "Dockerfile RUN steps are confined by paas-runc (default runtime \(runtime))" }
        if !required { return "PAAS_DOCKERFILE_SANDBOX=off: Dockerfile RUN steps run with Docker's default capabilities (default runtime \(runtime))" }
        return "Dockerfile builds are refused: the engine's default runtime is \(runtime), not \(BuildSandbox.runtimeName); install paas-runc (README, \"Build sandbox\")"
    }

    /// The cgroup parent to build under; nil when the operator turned the sandbox off.
    func cgroupParent() async throws -> String? {
        guard required else {
            logger.warning("A Dockerfile build runs its RUN steps with Docker's default capabilities: PAAS_DOCKERFILE_SANDBOX=off")
            return nil
        }
        return try cgroupParent(on: try await docker.system.info())
    }

    func cgroupParent(on info: SystemInfo) throws -> String {
        guard info.defaultRuntime == BuildSandbox.runtimeName else {
            logger.error("""
                A Dockerfile build was refused: the build engine's default runtime is \(info.defaultRuntime ?? "unknown"), \
                not \(BuildSandbox.runtimeName) (paas-runc). Install paas-runc as the README's "Build sandbox" says, or set \
                PAAS_DOCKERFILE_SANDBOX=off to run RUN steps with Docker's default capabilities.
                """)
            throw DockerfileBuilder.Failed(message: Self.unavailable)
        }
        return BuildSandbox.cgroupParent(driver: info.cgroupDriver)
    }
}
