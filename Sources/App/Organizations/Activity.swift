import Fluent
import Foundation
import Vapor

/// Every mutating action leaves a row: who, for which organization, what, on what, from where.
enum Activity {
    static func record(
        _ action: String, on db: any Database, request: Request?, principal: Principal?,
        organizationID: UUID? = nil, userID: UUID? = nil,
        target: (type: String, id: String)? = nil, details: String? = nil
    ) async throws {
        let row = ActivityLog(
            userID: userID ?? principal?.userID,
            organizationID: organizationID ?? principal?.organizationID,
            action: action,
            targetType: target?.type,
            targetID: target?.id,
            ip: request?.clientIP,
            details: details.map { String($0.prefix(1000)) })
        try await row.create(on: db)
    }
}

extension Request {
    /// Records an action by the signed-in principal in their organization.
    func audit(_ action: String, target: (type: String, id: String)? = nil, details: String? = nil) async throws {
        try await Activity.record(action, on: db, request: self, principal: principal, target: target, details: details)
    }
}
