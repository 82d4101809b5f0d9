import DockerEngine
import Fluent
import Foundation
import PaaSCore
import Vapor

/// One build from a pushed tree to a live release. It waits for a slot of its organization, runs
/// under the configured timeout and can be cancelled; only platform faults are retried. Every line
/// goes to `BuildLogs` as it happens and to the deployment row at the end.
struct BuildRunner {
    let req: Request
    let app: TenantApp
    let deployment: Deployment

    static let retriesForInfrastructure = 2

    /// The deployment row of a new build, `queued` until a slot is free.
    static func queue(_ app: TenantApp, sha: String, ref: String, trigger: String, on req: Request) async throws -> Deployment {
        let deployment = Deployment()
        deployment.organizationID = app.organizationID
        deployment.$app.id = try app.requireID()
        deployment.status = "queued"
        deployment.trigger = trigger
        deployment.gitSHA = sha
        deployment.gitRef = ref
        deployment.createdBy = try req.requirePrincipal().userID
        try await deployment.create(on: req.db)
        await req.application.buildLogs.start(try deployment.requireID())
        return deployment
    }

    func log(_ line: String) async {
        guard let id = deployment.id else { return }
        await req.application.buildLogs.append(id, line)
    }

    /// True when the release is live.
    func run(archive: [UInt8]) async -> Bool {
        let id = deployment.id!
        let settings = req.application.config.builds
        let queue = req.application.buildQueue
        if await queue.isFull(app.organizationID, limit: settings.concurrencyPerOrganization) {
            await log("-----> Waiting for another build of your organization to finish")
        }
        guard await queue.acquire(app.organizationID, limit: settings.concurrencyPerOrganization, for: id) else {
            await log(" !     The build was cancelled before it started.")
            await finish(status: "cancelled", error: "The build was cancelled before it started.")
            await req.application.buildLogs.finish(id)
            return false
        }
        let work = Task { try await pipeline(archive) }
        await queue.register(id, work)
        let timeout = Task {
            try? await Task.sleep(for: .seconds(settings.timeoutSeconds))
            if Task.isCancelled { return false }
            work.cancel()
            return true
        }
        let result = await work.result
        timeout.cancel()
        let timedOut = await timeout.value
        let cancelled = await queue.wasCancelled(id)
        await queue.unregister(id)
        await queue.release(app.organizationID)
        var succeeded = true
        if case .failure(let error) = result {
            succeeded = false
            let message = timedOut ? "The build took longer than the limit of \(settings.timeoutSeconds) s and was stopped."
                : cancelled ? "The build was cancelled." : BuildFailure.message(error)
            await log(" !     \(message)")
            await finish(status: cancelled && !timedOut ? "cancelled" : "failed", error: message)
        } else {
            await finish(status: nil, error: nil)
        }
        await req.application.buildLogs.finish(id)
        return succeeded
    }

    private func pipeline(_ archive: [UInt8]) async throws {
        let sha = String((deployment.gitSHA ?? "").prefix(7))
        deployment.status = "building"
        deployment.startedAt = Date()
        try await deployment.save(on: req.db)
        await log("-----> Building \(app.name) from \(sha) (\(deployment.gitRef ?? "push"))")
        let tree = try TarIndex(archive)
        var procfile = try tree.text(of: "Procfile").map { try Procfile.parse($0) }
        let buildpacks = (app.buildpacks ?? "").split(whereSeparator: { $0 == "," || $0 == "\n" }).map(String.init)
        let fetcher = BuildpackFetcher(dataDirectory: req.application.config.dataDirectory, settings: req.application.config.builds)
        let platformBuildpacks = fetcher.platformBuildpacks()
        guard let strategy = try await BuildDetection.strategy(files: tree.topLevelNames, explicitBuildpacks: buildpacks,
                                                               cnbAvailable: req.application.config.builds.cnbBuilderImage != nil,
                                                               herokuDetects: { !platformBuildpacks.isEmpty }) else {
            throw AppError(.unprocessableEntity, code: "nothing_to_build", BuildDetection.nothingDetected)
        }
        deployment.builder = strategy.rawValue
        try await deployment.save(on: req.db)
        await log("-----> \(strategy.displayName) detected")
        let version = (try await Release.query(on: req.db).filter(\.$app.$id == app.requireID()).max(\.$version) ?? 0) + 1
        let registry = req.application.config.builds.registry
        let image = BuildImageName.make(registry: registry, organizationID: app.organizationID.uuidString, appName: app.name, version: version)
        let docker = req.application.docker
        var digest: String?
        try await retryingInfrastructure {
            if let fromBuildpacks = try await buildImage(strategy, BuildInput(
                archive: archive, tree: tree, buildpacks: buildpacks, platformBuildpacks: platformBuildpacks, fetcher: fetcher, image: image)) {
                procfile = fromBuildpacks
            }
            if registry != nil {
                await log("-----> Pushing \(image)")
                digest = try await RegistryPush(docker: docker).push(image)
            }
        }
        await log("-----> Releasing v\(version)")
        let built = procfile
        let processTypes = built.flatMap { $0.services.isEmpty ? nil : (try? JSONEncoder().encode($0.services)).map { String(decoding: $0, as: UTF8.self) } }
        let outcome = AppDeployer.BuildOutcome(
            deployment: deployment, imageDigest: digest,
            beforeTraffic: { release in
                guard let command = built?.releaseCommand else { return }
                await log("-----> Running release command: \(command)")
                try await ReleasePhase(req: req, app: app, log: log).run(command, image: image, release: release)
            },
            afterRollout: AppDeployer(req: req).healthGate(app, log: log))
        let pinned = registry == nil ? image : BuildImageName.pinned(image, digest: digest)
        let release = try await AppDeployer(req: req).releaseBuild(app, image: pinned, processTypes: processTypes,
                                                                    description: "Deploy \(sha)", outcome: outcome)
        await log("-----> v\(release.version) is live")
    }

    /// Engine outages and registry refusals are retried; a tenant's failing build is not.
    private func retryingInfrastructure(_ body: () async throws -> Void) async throws {
        var attempt = 0
        while true {
            do { return try await body() } catch where BuildFailure.isInfrastructure(error) && attempt < Self.retriesForInfrastructure {
                attempt += 1
                await log(" !     \(BuildFailure.message(error)) Retrying (\(attempt) of \(Self.retriesForInfrastructure)).")
                try await Task.sleep(for: .seconds(2 * attempt))
            }
        }
    }

    /// Ends the deployment row; `status` nil keeps what the release step wrote (succeeded or failed).
    private func finish(status: String?, error: String?) async {
        do {
            guard let row = try await Deployment.find(deployment.id, on: req.db) else { return }
            if let status { row.status = status }
            if let error { row.error = error }
            if row.status == "building" || row.status == "queued" || row.status == "releasing" { row.status = "failed" }
            row.finishedAt = row.finishedAt ?? Date()
            row.log = await req.application.buildLogs.text(try row.requireID())
            try await row.save(on: req.db)
        } catch {
            req.logger.error("could not record the end of build \(deployment.id?.uuidString ?? "?"): \(error)")
        }
    }
}
