import Fluent
import Foundation

/// An app's history, newest first, for the API and the app page alike.
enum ReleaseQueries {
    static func history(of appID: UUID, limit: Int, on db: any Database) async throws -> [Release] {
        try await Release.query(on: db).filter(\.$app.$id == appID).sort(\.$version, .descending).limit(limit).all()
    }
}

enum DeploymentQueries {
    static func history(of appID: UUID, limit: Int, on db: any Database) async throws -> [Deployment] {
        try await Deployment.query(on: db).filter(\.$app.$id == appID).sort(\.$createdAt, .descending).limit(limit).all()
    }
}
