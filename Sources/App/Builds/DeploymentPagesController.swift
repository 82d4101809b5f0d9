import Fluent
import Vapor

/// A deployment's page (status and live build log) and the rollback and cancel buttons. The same
/// use cases as the API; a refusal comes back to the app page as a flash message.
struct DeploymentPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let apps = routes.grouped("apps").grouped(RequireSignIn(redirectToLogin: true))
        apps.get(":id", "deployments", ":deployment", use: show)
        apps.post(":id", "rollback", ":deployment", use: rollback)
        apps.post(":id", "deployments", ":deployment", "cancel", use: cancel)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let app = try await AppService(req: req).find(req.idParameter("id", "App"))
        let id = try req.idParameter("deployment", "Deployment")
        guard let deployment = try await Deployment.query(on: req.db).filter(\.$id == id).filter(\.$app.$id == app.requireID()).first() else {
            throw AppError.notFound("Deployment")
        }
        var release: Release?
        if let releaseID = deployment.releaseID { release = try await Release.find(releaseID, on: req.db) }
        let running = await req.application.buildLogs.isRunning(id)
        let log = running ? await req.application.buildLogs.text(id) : (deployment.log ?? "")
        return DeploymentViews.detail(.init(
            appName: app.name, appPath: "/apps/\(try app.requireID().uuidString.lowercased())", deployment: deployment,
            releaseVersion: release?.version, log: log, isCurrent: release?.id != nil && release?.id == app.currentReleaseID)).response(for: req)
    }

    @Sendable func rollback(req: Request) async throws -> Response {
        let app = try await AppService(req: req).find(req.idParameter("id", "App"))
        let path = "/apps/\(try app.requireID().uuidString.lowercased())"
        do {
            let (release, _) = try await AppDeployer(req: req).rollback(app, to: try req.idParameter("deployment", "Deployment"))
            return req.redirect(to: path, flash: .success, "Rolled back: v\(release.version) runs the earlier release again.")
        } catch let error as AppError where error.status != .notFound {
            return req.redirect(to: path, flash: .error, error.message)
        }
    }

    @Sendable func cancel(req: Request) async throws -> Response {
        let app = try await AppService(req: req).find(req.idParameter("id", "App"))
        let id = try req.idParameter("deployment", "Deployment")
        let path = "/apps/\(try app.requireID().uuidString.lowercased())/deployments/\(id.uuidString.lowercased())"
        do {
            _ = try await BuildCancellation(req: req).cancel(app, deployment: id)
            return req.redirect(to: path, flash: .success, "The build was cancelled.")
        } catch let error as AppError where error.status != .notFound {
            return req.redirect(to: path, flash: .error, error.message)
        }
    }
}
