import Fluent
import SQLKit
import Vapor

/// Platform-wide counts for the admin overview and `GET /api/admin/paas/metrics`.
struct PlatformSummary: Content {
    var users: Int
    var organizations: Int
    var apps: Int
    var nodes: Int
    var locations: Int
    var plans: Int
    var walletBalanceTotal: Int64

    static func load(on db: any Database) async throws -> PlatformSummary {
        guard let sql = db as? any SQLDatabase else { throw AppError(.internalServerError, code: "sql_unavailable", "The database does not speak SQL.") }
        func count(_ table: String) async throws -> Int {
            try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self) ?? 0
        }
        let balance = try await sql.raw("SELECT CAST(COALESCE(SUM(balance), 0) AS BIGINT) AS total FROM wallets").first()?.decode(column: "total", as: Int64.self) ?? 0
        return PlatformSummary(
            users: try await count("users"),
            organizations: try await count("organizations"),
            apps: try await count("paas_applications"),
            nodes: try await count("paas_worker_nodes"),
            locations: try await count("paas_locations"),
            plans: try await count("paas_plans"),
            walletBalanceTotal: balance)
    }
}
