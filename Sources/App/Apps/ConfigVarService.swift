import Fluent
import Foundation
import PaaSCore
import Vapor

/// Config vars, sealed at rest. A change makes a new release so running processes pick it up.
struct ConfigVarService {
    let req: Request

    func values(of app: TenantApp) async throws -> [String: String] {
        let rows = try await ConfigVar.query(on: req.db).filter(\.$app.$id == app.requireID()).all()
        var values: [String: String] = [:]
        for row in rows { values[row.key] = try req.application.secretBox.open(row.valueSealed) }
        return values
    }

    /// `nil` values unset a key. All keys are checked before anything is written.
    func update(_ app: TenantApp, changes: [String: String?]) async throws -> [String: String] {
        guard !changes.isEmpty else { throw AppError.invalid("config_vars", "Send at least one variable, like {\"KEY\": \"value\"}, or {\"KEY\": null} to unset it.") }
        guard changes.count <= 200 else { throw AppError.invalid("config_vars", "At most 200 variables can change at once.") }
        for (key, value) in changes {
            do { try ConfigVarKey.validate(key: key, value: value) } catch { throw AppError.invalid(error.field, error.message) }
        }
        // A deployed app gets a new release; with Docker down, refuse before writing anything.
        if app.currentReleaseID != nil { try await AppDeployer(req: req).requireDocker() }
        let appID = try app.requireID()
        let box = req.application.secretBox
        let before = try await values(of: app)
        try await req.db.transaction { tx in
            for (key, value) in changes {
                let existing = try await ConfigVar.query(on: tx).filter(\.$app.$id == appID).filter(\.$key == key).first()
                if let value {
                    let row = existing ?? ConfigVar()
                    row.organizationID = app.organizationID
                    row.$app.id = appID
                    row.key = key
                    row.valueSealed = try box.seal(value)
                    try await row.save(on: tx)
                } else if let existing {
                    try await existing.delete(on: tx)
                }
            }
        }
        let values = try await values(of: app)
        // Keys only: values are secrets and never enter the activity log.
        let summary = changes.keys.sorted().map { changes[$0]! == nil ? "-\($0)" : "+\($0)" }.joined(separator: " ")
        try await req.audit("app.config", target: ("app", appID.uuidString), details: summary)
        do {
            _ = try await AppDeployer(req: req).releaseConfig(app, config: values, description: "Config: \(summary)")
        } catch let failed as AppError where failed.code == "release_unhealthy" {
            // The running release keeps its config, so the stored vars go back to match it.
            try await AppDeployer(req: req).restoreConfig(app, before)
            try await req.audit("app.config", target: ("app", appID.uuidString), details: "undone: \(summary)")
            throw AppError(.unprocessableEntity, code: "release_unhealthy",
                           "The app did not become healthy with this change, so it was undone and the running release keeps its config. \(failed.message)")
        }
        return values
    }
}
