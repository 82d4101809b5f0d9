import DockerEngine
import Foundation
import Logging
import PaaSCore

/// A push with a Dockerfile: Docker's build API on the pushed tree as the tar context. `RUN` steps
/// get the build network (none by default), the build memory cap, one CPU and, through the
/// sandbox's cgroup, an app's capabilities, no new privileges and a pids cap. No credentials are
/// sent, so base images come from the engine or the platform registry only.
struct DockerfileBuilder {
    let docker: DockerClient
    let settings: BuildSettings
    let logger: Logger
    let log: (String) async -> Void

    struct Failed: Error {
        let message: String
    }

    func build(context: [UInt8], image: String, labels: [String: String], buildArgs: [String: String]) async throws {
        let sandbox = try await DockerfileSandbox(docker: docker, required: settings.dockerfileSandbox, logger: logger).cgroupParent()
        let options = BuildOptions(tags: [image], buildArgs: buildArgs.isEmpty ? nil : buildArgs, labels: labels, pull: false,
                                   forceRemove: true, networkMode: settings.network, memoryBytes: settings.memoryMB * 1024 * 1024, cpuQuota: 100_000,
                                   cgroupParent: sandbox)
        do {
            for try await message in try await docker.images.build(context: context, options: options) {
                for line in (message.stream ?? "").split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                    await log("       " + line)
                }
            }
        } catch let error as DockerError {
            if error.isUnreachable { throw error }
            throw Failed(message: "The Dockerfile build failed: \(error.message)")
        }
    }
}

/// Pushes a built image to the platform registry and returns its digest, which the release pins.
struct RegistryPush {
    let docker: DockerClient

    func push(_ image: String) async throws -> String? {
        var digest: String?
        do {
            for try await message in try await docker.images.push(image) {
                if let value = message.aux?.digest { digest = value }
            }
        } catch let error as DockerError where !error.isUnreachable {
            throw BuildInfrastructureFault(message: "The platform registry refused the image: \(error.message)")
        }
        return digest
    }
}

/// A failure of the platform rather than of the tenant's code: the only kind a build retries.
struct BuildInfrastructureFault: Error {
    let message: String
}
