import Fluent
import Foundation

enum PlanQueries {
    /// What a client may pick: archived plans keep serving existing apps but are not offered.
    static func offered(on db: any Database) async throws -> [Plan] {
        try await Plan.query(on: db)
            .filter(\.$isArchived == false)
            .sort(\.$sortOrder).sort(\.$pricePerHour)
            .all()
    }

    static func all(on db: any Database) async throws -> [Plan] {
        try await Plan.query(on: db).sort(\.$isArchived).sort(\.$sortOrder).sort(\.$pricePerHour).all()
    }
}
