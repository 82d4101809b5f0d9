import Fluent
import Vapor

struct ActivityAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("api", "activity").grouped(RequireSignIn()).get(use: list)
    }

    struct EntryDTO: Content {
        let id: String
        let action: String
        let userId: String?
        let targetType: String?
        let targetId: String?
        let ip: String?
        let details: String?
        let createdAt: Date?

        init(_ row: ActivityLog) {
            id = row.id?.uuidString.lowercased() ?? ""
            action = row.action
            userId = row.userID?.uuidString.lowercased()
            targetType = row.targetType
            targetId = row.targetID
            ip = row.ip
            details = row.details
            createdAt = row.createdAt
        }
    }

    @Sendable func list(req: Request) async throws -> [EntryDTO] {
        let principal = try req.requirePrincipal()
        let limit = min(max(req.query[Int.self, at: "limit"] ?? 100, 1), 500)
        return try await ActivityQueries.forOrganization(principal.organizationID, limit: limit, on: req.db).map(EntryDTO.init)
    }
}

enum ActivityQueries {
    static func forOrganization(_ organizationID: UUID, limit: Int, on db: any Database) async throws -> [ActivityLog] {
        try await ActivityLog.query(on: db)
            .filter(\.$organizationID == organizationID)
            .sort(\.$createdAt, .descending)
            .limit(limit)
            .all()
    }

    static func recent(limit: Int, on db: any Database) async throws -> [ActivityLog] {
        try await ActivityLog.query(on: db).sort(\.$createdAt, .descending).limit(limit).all()
    }
}
