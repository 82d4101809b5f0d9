import DockerEngine
import Foundation
import PaaSCore

/// A Cloud Native Buildpacks build (DESIGN.md decision 4). The untrusted phases, the lifecycle's
/// detector and builder with the builder image's buildpacks, run in one build container as the
/// builder's user with the same isolation as a Heroku buildpack build: no socket, no registry and
/// no credentials. The platform then exports: the app image is the run image plus the launch
/// layers, the app directory and the lifecycle's launcher, assembled by COPY steps only. The
/// layers are kept per app and put back for the next build, which is what the restorer would do.
struct CNBBuilder {
    let docker: DockerClient
    let settings: BuildSettings
    let builderImage: String
    let cache: BuildCacheStore
    let log: (String) async -> Void

    struct NothingDetected: Error {}

    struct Failed: Error {
        let message: String
    }

    /// Returns the process types the buildpacks declared, each started through the launcher.
    func build(tree: [UInt8], config: [String: String], image: String, labels: [String: String], name: String) async throws -> Procfile {
        let builder: ImageDetails
        do {
            builder = try await docker.images.inspect(builderImage)
        } catch let error as DockerError where error.isNotFound {
            throw Failed(message: "The Cloud Native Buildpacks builder image \(builderImage) is not available on the build node; "
                + "the platform's administrator has to load or pull it.")
        }
        let user = CNBExport.User(environment: builder.config?.env ?? [])
        let runImage = try settings.cnbRunImage ?? Self.runImage(named: builder.config?.labels)
        let skeleton = try await Self.skeleton(tree: tree, config: config, runImage: runImage, user: user)
        let request = ContainerCreateRequest(image: builderImage, cmd: ["/bin/sh", "/paas/cnb.sh"],
                                             env: ["CNB_PLATFORM_API=\(settings.cnbPlatformAPI)"], labels: labels,
                                             user: "\(user.uid):\(user.gid)", workingDir: "/workspace",
                                             hostConfig: BuildContainer.hostConfig(settings))
        return try await BuildContainer.with(docker, name: name, request) { id in
            try await run(id, skeleton: skeleton, image: image, labels: labels, runImage: runImage, user: user)
        }
    }

    private func run(_ id: String, skeleton: [UInt8], image: String, labels: [String: String], runImage: String, user: CNBExport.User) async throws -> Procfile {
        if let cached = cache.load() { try await docker.containers.putArchive(id, path: "/", tar: cached) }
        try await docker.containers.putArchive(id, path: "/", tar: skeleton)
        let code = try await BuildContainer.runLogged(docker, id, log: log)
        if code == BuildpackScript.nothingDetected { throw NothingDetected() }
        guard code == 0 else { throw Failed(message: "The Cloud Native Buildpacks build failed (exit status \(code)); see the log above.") }
        let layersArchive = try await docker.containers.getArchive(id, path: "/layers")
        try cache.store(layersArchive)
        let layers = try TarIndex(layersArchive)
        let found = CNBLayers(layers)
        guard !found.processTypes.isEmpty else {
            throw Failed(message: "The buildpacks declared no process type; add a Procfile or a buildpack that sets the app's start command.")
        }
        let workspace = try TarIndex(try await docker.containers.getArchive(id, path: "/workspace"))
        let launcher = try TarIndex(try await docker.containers.getArchive(id, path: "/cnb/lifecycle/launcher"))
        guard launcher.entries.contains(where: { $0.path == "launcher" }) else {
            throw Failed(message: "The builder image \(builderImage) has no /cnb/lifecycle/launcher.")
        }
        await log("-----> Exporting \(found.launchLayers.count) launch layer(s) onto \(runImage)")
        var context = TarWriter.file("Dockerfile", CNBExport.dockerfile(runImage: runImage, user: user, launchLayers: found.launchLayers,
                                                                          platformAPI: settings.cnbPlatformAPI))
        for type in found.processTypes { context += TarWriter.symlink("process/\(type)", to: "/cnb/lifecycle/launcher") }
        context += layers.body + workspace.body + launcher.body + TarWriter.end
        do {
            for try await _ in try await docker.images.build(context: context, options: BuildOptions(tags: [image], labels: labels, pull: false, networkMode: "none")) {}
        } catch let error as DockerError where !error.isUnreachable {
            throw Failed(message: "Exporting the image onto \(runImage) failed: \(error.message)")
        }
        return Procfile(processes: Dictionary(uniqueKeysWithValues: found.processTypes.map { ($0, CNBLayers.command(for: $0)) }))
    }

    /// The app tree under `workspace/`, the config vars as `platform/env/KEY`, the script and the
    /// stand-in for the analyzer's output, all owned by the builder's user.
    static func skeleton(tree: [UInt8], config: [String: String], runImage: String, user: CNBExport.User) async throws -> [UInt8] {
        let root = NSTemporaryDirectory() + "paas-cnb-" + UUID().uuidString.prefix(8)
        let files = FileManager.default
        defer { try? files.removeItem(atPath: root) }
        try await HostTar.unpack(tree, into: "\(root)/workspace")
        for dir in ["paas", "platform/env", "layers"] { try files.createDirectory(atPath: "\(root)/\(dir)", withIntermediateDirectories: true) }
        try CNBScript.text.write(toFile: "\(root)/paas/cnb.sh", atomically: true, encoding: .utf8)
        try CNBScript.analyzed(runImage: runImage).write(toFile: "\(root)/layers/analyzed.toml", atomically: true, encoding: .utf8)
        for (key, value) in config { try value.write(toFile: "\(root)/platform/env/\(key)", atomically: true, encoding: .utf8) }
        return try await HostTar.pack(root, paths: ["workspace", "paas", "platform", "layers"], owner: user.uid, group: user.gid)
    }

    /// The run image a builder names in its `io.buildpacks.builder.metadata` label.
    static func runImage(named labels: [String: String]?) throws -> String {
        struct Metadata: Decodable {
            struct Stack: Decodable { struct RunImage: Decodable { let image: String? }; let runImage: RunImage? }
            struct RunImage: Decodable { let image: String? }
            let stack: Stack?
            let runImages: [RunImage]?
        }
        if let text = labels?["io.buildpacks.builder.metadata"],
           let metadata = try? JSONDecoder().decode(Metadata.self, from: Data(text.utf8)),
           let image = metadata.runImages?.first?.image ?? metadata.stack?.runImage?.image {
            return image
        }
        throw Failed(message: "The builder image names no run image; set PAAS_CNB_RUN_IMAGE.")
    }
}
