import DockerEngine
import Foundation
import PaaSCore

/// A Heroku buildpack (API v2) build. Tenant code runs only in a build container made like an
/// app's task (all capabilities dropped but the app set, no new privileges, pids and memory caps,
/// the build network, no mounts, no socket, no credentials); files go in and out as tar archives.
/// The image is then assembled from the compiled `/app` by a Dockerfile of COPY steps only, so no
/// tenant code runs outside that container.
struct HerokuBuildpackBuilder {
    let docker: DockerClient
    let settings: BuildSettings
    let cache: BuildCacheStore
    let log: (String) async -> Void

    struct NothingDetected: Error {}

    struct Failed: Error {
        let message: String
    }

    /// Returns the process types: the app's Procfile, else the last buildpack's defaults.
    func build(tree: [UInt8], buildpacks: [String], explicit: Bool, config: [String: String], image: String,
               labels: [String: String], name: String) async throws -> Procfile {
        let skeleton = try await BuildSkeleton.tar(buildpacks: buildpacks, explicit: explicit, config: config)
        let request = ContainerCreateRequest(image: settings.stackImage, cmd: ["/bin/sh", "/paas/build.sh"], env: ["STACK=\(settings.stackImage)"],
                                             labels: labels, user: "0", workingDir: "/", hostConfig: BuildContainer.hostConfig(settings))
        return try await BuildContainer.with(docker, name: name, request) { id in
            try await run(id, skeleton: skeleton, tree: tree, image: image)
        }
    }

    private func run(_ id: String, skeleton: [UInt8], tree: [UInt8], image: String) async throws -> Procfile {
        try await docker.containers.putArchive(id, path: "/", tar: skeleton)
        try await docker.containers.putArchive(id, path: "/app", tar: tree)
        if let cached = cache.load() { try await docker.containers.putArchive(id, path: "/", tar: cached) }
        let code = try await BuildContainer.runLogged(docker, id, log: log)
        if code == BuildpackScript.nothingDetected { throw NothingDetected() }
        guard code == 0 else { throw Failed(message: "The buildpack build failed (exit status \(code)); see the log above.") }
        try cache.store(try await docker.containers.getArchive(id, path: "/cache"))
        let app = try await docker.containers.getArchive(id, path: "/app")
        let releaseYAML = try TarIndex(try await docker.containers.getArchive(id, path: "/paas/release.yml")).text(of: "release.yml") ?? ""
        let dockerfile = "FROM \(settings.runImage)\nCOPY app /app\nENV HOME=/app\nWORKDIR /app\n"
        let context = TarWriter.file("Dockerfile", dockerfile) + app
        for try await message in try await docker.images.build(context: context, options: BuildOptions(tags: [image], pull: false, networkMode: "none")) {
            if let text = message.stream?.trimmingCharacters(in: .whitespacesAndNewlines), text.hasPrefix("Successfully built") { await log("       \(text)") }
        }
        var processes = try TarIndex(app).text(of: "app/Procfile").map { try Procfile.parse($0).processes }
            ?? BuildpackRelease.defaultProcessTypes(releaseYAML)
        processes = processes.mapValues(BuildpackScript.launch)
        return Procfile(processes: processes)
    }
}
