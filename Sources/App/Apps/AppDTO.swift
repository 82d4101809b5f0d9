import Foundation
import Vapor

struct AppDTO: Content {
    struct ReleaseSummary: Content {
        let id: String
        let version: Int
        let image: String
        let createdAt: Date?
    }

    let id: String
    let name: String
    let status: String
    let planId: String
    let locationId: String
    let deployBranch: String
    let healthCheckPath: String?
    let buildpacks: [String]
    let formation: [String: Int]
    let domains: [String]
    let currentRelease: ReleaseSummary?
    let createdAt: Date?
    let updatedAt: Date?

    init(_ app: TenantApp, domains: [Domain], release: Release?) {
        id = app.id?.uuidString.lowercased() ?? ""
        name = app.name
        status = app.status
        planId = app.$plan.id.uuidString.lowercased()
        locationId = app.$location.id.uuidString.lowercased()
        deployBranch = app.deployBranch
        healthCheckPath = app.healthCheckPath
        buildpacks = (app.buildpacks ?? "").split(separator: "\n").map(String.init)
        formation = Formation(json: app.formation).quantities
        self.domains = domains.sorted { ($0.isDefault ? 0 : 1, $0.hostname) < ($1.isDefault ? 0 : 1, $1.hostname) }.map(\.hostname)
        currentRelease = release.map { ReleaseSummary(id: $0.id?.uuidString.lowercased() ?? "", version: $0.version, image: $0.image, createdAt: $0.createdAt) }
        createdAt = app.createdAt
        updatedAt = app.updatedAt
    }
}

/// The app with what Swarm says is running: the shape of `GET /api/paas/apps/:id`.
struct AppDetailDTO: Content {
    struct TaskDTO: Content {
        let id: String
        let state: String
        let desiredState: String
        let nodeId: String?
        let addresses: [String]
        let containerId: String?
        let error: String?
        let message: String?
        let updatedAt: String?
    }

    struct ProcessDTO: Content {
        let type: String
        let quantity: Int
        let service: String
        let tasks: [TaskDTO]
    }

    struct EventDTO: Content {
        let action: String
        let details: String?
        let createdAt: Date?
    }

    let app: AppDTO
    let processes: [ProcessDTO]
    let dockerError: String?
    var events: [EventDTO] = []

    /// Flattened: the app's fields at the top level, as the list endpoint has them.
    func encode(to encoder: any Encoder) throws {
        try app.encode(to: encoder)
        enum Keys: String, CodingKey { case processes, dockerError, events }
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(processes, forKey: .processes)
        try container.encode(dockerError, forKey: .dockerError)
        try container.encode(events, forKey: .events)
    }

    init(app: AppDTO, processes: [ProcessDTO], dockerError: String?) {
        self.app = app
        self.processes = processes
        self.dockerError = dockerError
    }

    init(from decoder: any Decoder) throws {
        throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "AppDetailDTO is response-only"))
    }
}

struct ReleaseDTO: Content {
    let id: String
    let version: Int
    let image: String
    let status: String
    let description: String
    let formation: [String: Int]
    let imageDigest: String?
    let deploymentId: String?
    let error: String?
    /// Who made it (the member's id) and the commands of its process types (`web` alone runs the image's own).
    let createdBy: String?
    let processTypes: [String: String?]
    let createdAt: Date?

    init(_ release: Release) {
        id = release.id?.uuidString.lowercased() ?? ""
        version = release.version
        image = release.image
        status = release.status
        description = release.description
        formation = Formation(json: release.formation).quantities
        imageDigest = release.imageDigest
        deploymentId = release.deploymentID?.uuidString.lowercased()
        error = release.error
        createdBy = release.createdBy?.uuidString.lowercased()
        processTypes = AppDeployer.processCommands(release.processTypes)
        createdAt = release.createdAt
    }
}

struct DeploymentDTO: Content {
    let id: String
    let status: String
    let trigger: String
    let builder: String?
    let image: String?
    let releaseId: String?
    let gitSha: String?
    let gitRef: String?
    let error: String?
    /// Seconds from the build starting to it ending, when it has.
    let durationSeconds: Double?
    let startedAt: Date?
    let finishedAt: Date?
    let createdAt: Date?

    init(_ deployment: Deployment) {
        id = deployment.id?.uuidString.lowercased() ?? ""
        status = deployment.status
        trigger = deployment.trigger
        builder = deployment.builder
        image = deployment.image
        releaseId = deployment.releaseID?.uuidString.lowercased()
        gitSha = deployment.gitSHA
        gitRef = deployment.gitRef
        error = deployment.error
        durationSeconds = deployment.finishedAt.flatMap { end in deployment.startedAt.map { end.timeIntervalSince($0) } }
        startedAt = deployment.startedAt
        finishedAt = deployment.finishedAt
        createdAt = deployment.createdAt
    }
}
