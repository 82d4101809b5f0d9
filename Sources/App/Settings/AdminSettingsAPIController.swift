import Vapor

/// `/api/admin/paas/settings`: the platform settings, for administrators only.
struct AdminSettingsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let settings = routes.grouped("api", "admin", "paas", "settings").grouped(RequireSignIn(adminOnly: true))
        settings.get(use: show)
        settings.patch(use: update)
    }

    @Sendable func show(req: Request) async throws -> PlatformSettings {
        try await PlatformSettingsService(req: req).current()
    }

    @Sendable func update(req: Request) async throws -> PlatformSettings {
        try await PlatformSettingsService(req: req).update(try req.content.decode(PlatformSettings.Update.self)).settings
    }
}
