import Foundation
import Vapor

extension AppService {
    /// Points the app at another active location that has room for its whole formation.
    func move(_ app: TenantApp, to rawLocation: String?) async throws -> Bool {
        guard let rawLocation else { return false }
        let location = try await activeLocation(rawLocation)
        guard try location.requireID() != app.$location.id else { return false }
        app.$location.id = try location.requireID()
        app.$location.value = location
        try await AppScaler(req: req).requireCapacity(app, plan: try await app.$plan.get(on: req.db),
                                                        additional: Formation(json: app.formation).total)
        return true
    }
}
