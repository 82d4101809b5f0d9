import Fluent
import Vapor

struct AppsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let apps = routes.grouped("api", "paas", "apps").grouped(RequireSignIn())
        apps.post(use: create)
        apps.get(use: list)
        apps.get(":id", use: show)
        apps.patch(":id", use: update)
        apps.delete(":id", use: delete)
        apps.post(":id", "deploy", use: deploy)
        apps.get(":id", "deployments", use: deployments)
        apps.get(":id", "releases", use: releases)
        apps.post(":id", "rollback", ":deployment", use: rollback)
        apps.get(":id", "deployments", ":deployment", "log", use: DeploymentLogStream.stream)
        apps.post(":id", "deployments", ":deployment", "cancel", use: cancel)
        apps.post(":id", "scale", use: scale)
        apps.post(":id", "restart", use: restart)
        apps.get(":id", "config-vars", use: configVars)
        apps.patch(":id", "config-vars", use: updateConfigVars)
        apps.get(":id", "logs", use: AppLogStream.stream)
    }

    /// One of the two: an image to release as it is, or a branch whose last push is built.
    struct DeployBody: Content {
        let image: String?
        let branch: String?
    }

    struct QueuedBody: Content {
        let deployment: DeploymentDTO
    }

    struct DeployedBody: Content {
        let release: ReleaseDTO
        let deployment: DeploymentDTO
    }

    private func app(_ req: Request) async throws -> TenantApp {
        try await AppService(req: req).find(req.idParameter("id", "App"))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let service = AppService(req: req)
        let app = try await service.create(try req.content.decode(AppService.CreateInput.self))
        let response = try await service.dto(app).encodeResponse(for: req)
        response.status = .created
        return response
    }

    @Sendable func list(req: Request) async throws -> [AppDTO] {
        let service = AppService(req: req)
        var result: [AppDTO] = []
        for app in try await service.list() { result.append(try await service.dto(app)) }
        return result
    }

    @Sendable func show(req: Request) async throws -> AppDetailDTO {
        try await AppStatusView(req: req).detail(try await app(req))
    }

    @Sendable func update(req: Request) async throws -> AppDTO {
        let service = AppService(req: req)
        let updated = try await service.update(req.idParameter("id", "App"), try req.content.decode(AppService.UpdateInput.self))
        return try await service.dto(updated)
    }

    @Sendable func delete(req: Request) async throws -> HTTPStatus {
        try await AppService(req: req).delete(req.idParameter("id", "App"))
        return .noContent
    }

    @Sendable func deploy(req: Request) async throws -> Response {
        let target = try await app(req)
        let body = try req.content.decode(DeployBody.self)
        switch (body.image, body.branch) {
        case (nil, let branch?):
            let queued = try await GitBuildStart(req: req, app: target).branch(branch)
            let response = try await QueuedBody(deployment: DeploymentDTO(queued.deployment)).encodeResponse(for: req)
            response.status = .accepted
            return response
        case (let image?, nil):
            return try await deployImage(target, image, req)
        default:
            throw AppError.invalid("image", "Give either image (a reference to release as it is) or branch (to build its last push).")
        }
    }

    private func deployImage(_ target: TenantApp, _ image: String, _ req: Request) async throws -> Response {
        let (release, deployment) = try await AppDeployer(req: req).deploy(target, image: image)
        let response = try await DeployedBody(release: ReleaseDTO(release), deployment: DeploymentDTO(deployment)).encodeResponse(for: req)
        response.status = .created
        return response
    }

    @Sendable func deployments(req: Request) async throws -> [DeploymentDTO] {
        let target = try await app(req)
        return try await DeploymentQueries.history(of: target.requireID(), limit: 100, on: req.db).map(DeploymentDTO.init)
    }

    @Sendable func releases(req: Request) async throws -> [ReleaseDTO] {
        let target = try await app(req)
        return try await ReleaseQueries.history(of: target.requireID(), limit: 100, on: req.db).map(ReleaseDTO.init)
    }

    @Sendable func rollback(req: Request) async throws -> Response {
        let target = try await app(req)
        let (release, deployment) = try await AppDeployer(req: req).rollback(target, to: try req.idParameter("deployment", "Deployment"))
        let response = try await DeployedBody(release: ReleaseDTO(release), deployment: DeploymentDTO(deployment)).encodeResponse(for: req)
        response.status = .created
        return response
    }

    @Sendable func cancel(req: Request) async throws -> DeploymentDTO {
        let target = try await app(req)
        return DeploymentDTO(try await BuildCancellation(req: req).cancel(target, deployment: try req.idParameter("deployment", "Deployment")))
    }

    @Sendable func scale(req: Request) async throws -> [String: Int] {
        let target = try await app(req)
        return try await AppScaler(req: req).scale(target, to: try req.content.decode([String: Int].self)).quantities
    }

    @Sendable func restart(req: Request) async throws -> HTTPStatus {
        try await AppScaler(req: req).restart(try await app(req))
        return .accepted
    }

    @Sendable func configVars(req: Request) async throws -> [String: String] {
        try await ConfigVarService(req: req).values(of: try await app(req))
    }

    @Sendable func updateConfigVars(req: Request) async throws -> [String: String] {
        let target = try await app(req)
        return try await ConfigVarService(req: req).update(target, changes: try req.content.decode([String: String?].self))
    }
}
