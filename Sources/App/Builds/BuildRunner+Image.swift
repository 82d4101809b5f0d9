import Foundation
import PaaSCore
import Vapor

/// The image-making step of a build, one branch per builder (DESIGN.md decision 4).
extension BuildRunner {
    struct BuildInput {
        let archive: [UInt8]
        let tree: TarIndex
        /// The app's own buildpack list (empty: detection).
        let buildpacks: [String]
        let platformBuildpacks: [String]
        let fetcher: BuildpackFetcher
        let image: String
    }

    /// Builds `input.image`; returns the process types when the builder decides them (buildpacks),
    /// nil when the pushed tree's Procfile stands.
    func buildImage(_ strategy: BuildStrategy, _ input: BuildInput) async throws -> Procfile? {
        let settings = req.application.config.builds
        let config = try await ConfigVarService(req: req).values(of: app)
        let labels = ["paas.managed": "true", "paas.org": app.organizationID.uuidString.lowercased(), "paas.app": try app.requireID().uuidString.lowercased()]
        switch strategy {
        case .dockerfile:
            let dockerfile = input.tree.text(of: "Dockerfile") ?? ""
            let args = DockerfileArgs.declared(in: dockerfile).reduce(into: [String: String]()) { $0[$1] = config[$1] }
            let own = BuildImageName.repository(registry: settings.registry, organizationID: app.organizationID.uuidString, appName: "")
            do {
                try DockerfileImages.check(dockerfile, buildArgs: args, rules: .init(registry: settings.registry, ownPrefix: own))
            } catch {
                throw AppError(.unprocessableEntity, code: "dockerfile_refused", error.message)
            }
            try await DockerfileBuilder(docker: req.application.docker, settings: settings, logger: req.logger, log: log)
                .build(context: input.archive, image: input.image, labels: labels, buildArgs: args)
            return nil
        case .heroku:
            var directories = input.platformBuildpacks
            if !input.buildpacks.isEmpty {
                directories = []
                for raw in input.buildpacks {
                    await log("-----> Fetching buildpack \(BuildpackSource.redacted(raw))")
                    directories.append(try await input.fetcher.directory(for: raw))
                }
            }
            let cache = BuildCacheStore(dataDirectory: req.application.config.dataDirectory, appID: try app.requireID())
            let builder = HerokuBuildpackBuilder(docker: req.application.docker, settings: settings, cache: cache, log: log)
            do {
                return try await builder.build(tree: input.archive, buildpacks: directories, explicit: !input.buildpacks.isEmpty, config: config,
                                               image: input.image, labels: labels,
                                               name: "paas-build-\(try deployment.requireID().uuidString.prefix(8).lowercased())")
            } catch is HerokuBuildpackBuilder.NothingDetected {
                // Detection order goes on: no platform buildpack took the app, the CNB builder may.
                guard input.buildpacks.isEmpty, settings.cnbBuilderImage != nil else {
                    throw AppError(.unprocessableEntity, code: "nothing_to_build", BuildDetection.nothingDetected)
                }
                await log("-----> No Heroku buildpack recognised the app; trying Cloud Native Buildpacks")
                deployment.builder = BuildStrategy.cnb.rawValue
                try await deployment.save(on: req.db)
                return try await buildImage(.cnb, input)
            }
        case .cnb:
            guard let builderImage = settings.cnbBuilderImage else {
                throw AppError(.unprocessableEntity, code: "nothing_to_build", BuildDetection.nothingDetected)
            }
            let cache = BuildCacheStore(dataDirectory: req.application.config.dataDirectory, appID: try app.requireID(), kind: "cnb")
            do {
                return try await CNBBuilder(docker: req.application.docker, settings: settings, builderImage: builderImage, cache: cache, log: log)
                    .build(tree: input.archive, config: config, image: input.image, labels: labels,
                           name: "paas-build-\(try deployment.requireID().uuidString.prefix(8).lowercased())")
            } catch is CNBBuilder.NothingDetected {
                throw AppError(.unprocessableEntity, code: "nothing_to_build", BuildDetection.nothingDetected)
            }
        }
    }
}
