import DockerEngine
import Fluent
import Foundation
import PaaSCore
import Vapor

/// Releases and their rollout: a deploy or a config change makes release vN+1 and applies it.
struct AppDeployer {
    let req: Request

    /// Deploys an image as is. Docker is asked first, so an outage writes nothing.
    func deploy(_ app: TenantApp, image rawImage: String) async throws -> (Release, Deployment) {
        let image: String
        do { image = try ImageReference.validate(rawImage) } catch { throw AppError.invalid(error.field, error.message) }
        // The first deploy starts the app's formation: its location must have room for it.
        if app.currentReleaseID == nil {
            try await AppScaler(req: req).requireCapacity(app, plan: try await app.$plan.get(on: req.db),
                                                          additional: Formation(json: app.formation).total)
        }
        try await requireDocker()
        try await WalletGuard.requireFunds(app.organizationID, to: "deploy", on: req.db)
        let config = try await ConfigVarService(req: req).values(of: app)
        let digest = await registryDigest(image)
        return try await liveRelease(app, image: BuildImageName.pinned(image, digest: digest), processTypes: nil, config: config, trigger: "image",
                                     builder: "image", description: "Deploy \(image)", imageDigest: digest)
    }

    /// The registry digest the engine has for a tag, so the release (and a later rollback to it)
    /// runs exactly this image even after the tag moves; nil for images no registry ever saw.
    private func registryDigest(_ image: String) async -> String? {
        guard !image.contains("@"), let details = try? await req.application.docker.images.inspect(image) else { return nil }
        // A colon followed by a slash is a registry port, not a tag.
        let repository = image.lastIndex(of: ":").flatMap { colon in image[colon...].contains("/") ? nil : String(image[..<colon]) } ?? image
        return details.repoDigests?.first { $0.hasPrefix(repository + "@") }.flatMap { $0.split(separator: "@").last.map(String.init) }
    }

    /// A new release with the current image and the given config (after a config var change).
    func releaseConfig(_ app: TenantApp, config: [String: String], description: String) async throws -> Release? {
        guard let current = try await AppService(req: req).currentRelease(of: app) else { return nil }
        try await requireDocker()
        return try await liveRelease(app, image: current.image, processTypes: current.processTypes, config: config,
                                     trigger: "config", builder: nil, description: description, imageDigest: current.imageDigest).0
    }

    /// Applies the current release again, e.g. after a plan change altered the limits.
    func reapply(_ app: TenantApp, forceRestart: Bool = false) async throws {
        guard let release = try await AppService(req: req).currentRelease(of: app) else { return }
        let config = try decodeConfig(release.configSnapshotSealed)
        do {
            try await req.orchestrator.apply(try await processes(app, release: release, config: config), forceRestart: forceRestart)
        } catch let error as DockerError {
            throw AppError.from(error)
        }
    }

    func processes(_ app: TenantApp, release: Release, config: [String: String]) async throws -> [ProcessDeployment] {
        try await Self.processes(app, release: release, config: config, on: req.db)
    }

    /// The desired services of an app's release; the reconciler compares Swarm against this too.
    static func processes(_ app: TenantApp, release: Release, config: [String: String], on db: any Database) async throws -> [ProcessDeployment] {
        let plan = try await app.$plan.get(on: db)
        let location = try await app.$location.get(on: db)
        let formation = Formation(json: app.formation)
        let commands = processCommands(release.processTypes)
        return commands.keys.sorted().map { type in
            ProcessDeployment(
                organizationID: app.organizationID.uuidString.lowercased(), appID: app.id!.uuidString.lowercased(), appName: app.name,
                processType: type, quantity: app.suspendedQuantity(formation.quantity(type)), image: release.image, command: commands[type] ?? nil,
                environment: config, releaseVersion: release.version, cpuMillis: plan.cpuMillis, memoryMB: plan.memoryMB,
                locationSlug: location.slug, healthCheckPath: app.healthCheckPath)
        }
    }

    /// Process types of a release: from its Procfile, or `web` running the image's own command.
    static func processCommands(_ json: String?) -> [String: String?] {
        guard let json, let decoded = try? JSONDecoder().decode([String: String].self, from: Data(json.utf8)), !decoded.isEmpty else {
            return ["web": nil]
        }
        return decoded.mapValues { Optional($0) }
    }

    /// What a build adds to a release: the deployment that built it, and the steps between the
    /// release existing and it counting as live (release phase before traffic, health after).
    struct BuildOutcome {
        var deployment: Deployment
        var imageDigest: String?
        var beforeTraffic: (Release) async throws -> Void
        var afterRollout: (Release) async throws -> Void
    }

    func releaseBuild(_ app: TenantApp, image: String, processTypes: String?, description: String, outcome: BuildOutcome) async throws -> Release {
        try await WalletGuard.requireFunds(app.organizationID, to: "deploy", on: req.db)
        let config = try await ConfigVarService(req: req).values(of: app)
        return try await release(app, image: image, processTypes: processTypes, config: config, trigger: outcome.deployment.trigger,
                                 builder: outcome.deployment.builder, description: description, outcome: outcome).0
    }

    /// Every release goes through here, and every one has an outcome: it is current only once live.
    func release(_ app: TenantApp, image: String, processTypes: String?, config: [String: String],
                 trigger: String, builder: String?, description: String, outcome: BuildOutcome) async throws -> (Release, Deployment) {
        let principal = try req.requirePrincipal()
        let appID = try app.requireID()
        let deployment = outcome.deployment
        deployment.organizationID = app.organizationID
        deployment.$app.id = appID
        deployment.status = "releasing"
        deployment.trigger = trigger
        deployment.builder = builder
        deployment.image = image
        deployment.createdBy = principal.userID
        deployment.startedAt = deployment.startedAt ?? Date()
        let release = Release()
        release.imageDigest = outcome.imageDigest
        release.organizationID = app.organizationID
        release.$app.id = appID
        release.image = image
        release.configSnapshotSealed = try req.application.secretBox.seal(String(decoding: try JSONEncoder().encode(config), as: UTF8.self))
        release.formation = app.formation
        release.processTypes = processTypes
        release.description = description
        release.status = "releasing"
        release.createdBy = principal.userID
        // The version is the next free number; the unique (app, version) index settles a race.
        try await req.db.transaction { tx in
            let last = try await Release.query(on: tx).filter(\.$app.$id == appID).sort(\.$version, .descending).first()?.version ?? 0
            release.version = last + 1
            if deployment.id == nil { try await deployment.create(on: tx) } else { try await deployment.save(on: tx) }
            release.deploymentID = deployment.id
            try await release.create(on: tx)
            deployment.releaseID = release.id
            try await deployment.save(on: tx)
        }
        do {
            try await req.orchestrator.ensureNetwork(organizationID: app.organizationID, locationSlug: try await app.$location.get(on: req.db).slug)
            try await outcome.beforeTraffic(release)
            try await req.orchestrator.apply(try await processes(app, release: release, config: config))
            try await outcome.afterRollout(release)
            let keep = Set(Self.processCommands(processTypes).keys.map { app.serviceName($0) })
            try await req.orchestrator.removeServices(appID: appID, except: keep)
        } catch {
            let message = (error as? DockerError).map { AppError.from($0).message } ?? (error as? AppError)?.message ?? "\(error)"
            release.status = "failed"
            release.error = message
            deployment.status = "failed"
            deployment.error = message
            deployment.finishedAt = Date()
            try await release.save(on: req.db)
            try await deployment.save(on: req.db)
            try await req.audit("app.deploy_failed", target: ("app", appID.uuidString), details: "v\(release.version): \(message)")
            await restoreServing(app)
            if let docker = error as? DockerError { throw AppError.from(docker) }
            throw error
        }
        release.status = "succeeded"
        deployment.status = "succeeded"
        deployment.finishedAt = Date()
        app.currentReleaseID = release.id
        app.status = app.suspendedAt == nil ? "deploying" : "suspended"
        try await req.db.transaction { tx in
            try await release.save(on: tx)
            try await deployment.save(on: tx)
            try await app.save(on: tx)
            try await UsageMeter.sync(app, on: tx)
        }
        try await req.audit("app.release", target: ("app", appID.uuidString), details: "v\(release.version): \(description)")
        return (release, deployment)
    }

    /// After a release failed: the current release's services again (Swarm may have been stopped
    /// mid-update by the timeout), or none when the app has never been released.
    private func restoreServing(_ app: TenantApp) async {
        do {
            if app.currentReleaseID != nil {
                try await reapply(app)
            } else {
                try await req.orchestrator.removeServices(appID: app.requireID())
            }
        } catch {
            req.logger.warning("could not restore \(app.name) after a failed release: \(error)")
        }
    }

    func decodeConfig(_ sealed: String) throws -> [String: String] {
        try Self.decodeConfig(sealed, box: req.application.secretBox)
    }

    static func decodeConfig(_ sealed: String, box: SecretBox) throws -> [String: String] {
        try JSONDecoder().decode([String: String].self, from: Data(try box.open(sealed).utf8))
    }

    func requireDocker() async throws {
        do { _ = try await req.application.docker.apiVersion() } catch let error as DockerError { throw AppError.from(error) }
    }
}
