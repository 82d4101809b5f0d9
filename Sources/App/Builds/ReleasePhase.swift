import DockerEngine
import Foundation
import PaaSCore
import Vapor

/// The Procfile's `release:` command, run once on the new release before any traffic moves to it
/// (DESIGN.md decision 4): a one-off container of the new image with the release's config, on the
/// organization's network, under the same isolation as the app's own tasks. A non-zero exit fails
/// the release, and the running one keeps serving.
struct ReleasePhase {
    let req: Request
    let app: TenantApp
    let log: (String) async -> Void

    func run(_ command: String, image: String, release: Release) async throws {
        let docker = req.application.docker
        let timeoutSeconds = req.application.config.builds.releaseTimeoutSeconds
        let plan = try await app.$plan.get(on: req.db)
        var env = try AppDeployer.decodeConfig(release.configSnapshotSealed, box: req.application.secretBox)
        env["PAAS_APP"] = app.name
        env["PAAS_PROCESS"] = Procfile.releaseType
        env["PAAS_RELEASE"] = "v\(release.version)"
        env["PORT"] = String(ProcessDeployment.defaultPort)
        let memory = plan.memoryMB * 1024 * 1024
        let host = HostConfig(
            networkMode: PlatformNames.organizationNetwork(app.organizationID.uuidString.lowercased()),
            tmpfs: ["/tmp": "rw,noexec,nosuid,size=\(min(memory / 2, HardenedServiceSpec.tmpfsMaxBytes))"],
            memory: memory, nanoCPUs: plan.cpuMillis * 1_000_000, pidsLimit: HardenedServiceSpec.pidsLimit, readonlyRootfs: true,
            capAdd: HardenedServiceSpec.capabilityAdd, capDrop: ["ALL"], securityOpt: ["no-new-privileges"], initProcess: true)
        let labels = [PlatformNames.managedLabel: "true", PlatformNames.orgLabel: app.organizationID.uuidString.lowercased(),
                      PlatformNames.appLabel: try app.requireID().uuidString.lowercased(), PlatformNames.processLabel: Procfile.releaseType,
                      PlatformNames.releaseLabel: String(release.version)]
        let request = ContainerCreateRequest(image: image, cmd: ["/bin/sh", "-c", command], env: env.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" },
                                             labels: labels, hostConfig: host)
        let name = "paas-release-\(try app.requireID().uuidString.prefix(8).lowercased())-v\(release.version)"
        // One left by a control plane that stopped mid-release would block the name.
        try? await docker.containers.remove(name, force: true)
        let id = try await docker.containers.create(name: name, request)
        do {
            try await docker.containers.start(id)
            let code = try await withThrowingTaskGroup(of: Int?.self) { group in
                group.addTask { try await docker.containers.wait(id) }
                group.addTask { try await Task.sleep(for: .seconds(timeoutSeconds)); return nil }
                let first = try await group.next() ?? nil
                group.cancelAll()
                return first
            }
            for try await line in try await docker.containers.logs(id, tty: false) { await log("       " + line.text) }
            try? await docker.containers.remove(id, force: true)
            guard let code else {
                throw AppError(.unprocessableEntity, code: "release_command_timeout", "The release command ran longer than \(timeoutSeconds) s; the previous release keeps serving.")
            }
            guard code == 0 else {
                throw AppError(.unprocessableEntity, code: "release_command_failed", "The release command exited with status \(code); the previous release keeps serving.")
            }
        } catch {
            try? await docker.containers.remove(id, force: true)
            throw error
        }
    }
}
