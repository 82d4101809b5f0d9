import Fluent
import Foundation
import Vapor

/// One organization's wallet as the admin list shows it.
struct WalletOverview: Content {
    var organizationId: String
    var organizationName: String
    var balance: Int64
    var currency: String
    var lowBalanceThreshold: Int64
    var apps: Int
    var suspendedApps: Int
    var burnRatePerHour: Int64

    static func all(on db: any Database) async throws -> [WalletOverview] {
        try await load(try await Organization.query(on: db).sort(\.$name).all(), on: db)
    }

    /// One organization's row, reading only its own wallet, apps and segments.
    static func one(_ organizationID: UUID, on db: any Database) async throws -> WalletOverview {
        guard let organization = try await Organization.find(organizationID, on: db) else { throw AppError.notFound("Organization") }
        return try await load([organization], on: db)[0]
    }

    private static func load(_ organizations: [Organization], on db: any Database) async throws -> [WalletOverview] {
        let ids = organizations.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let wallets = Dictionary(try await Wallet.query(on: db).filter(\.$organization.$id ~~ ids).all().map { ($0.$organization.id, $0) }, uniquingKeysWith: { a, _ in a })
        let apps = try await TenantApp.query(on: db).filter(\.$organizationID ~~ ids).all()
        let scope: [any Encodable & Sendable] = ids
        let rows = try await db.sql().raw("""
            SELECT organization_id, CAST(SUM(quantity * price_per_hour) AS BIGINT) AS rate FROM paas_usage_segments
            WHERE ended_at IS NULL AND organization_id IN (\(binds: scope)) GROUP BY organization_id
            """).all()
        var rates: [UUID: Int64] = [:]
        for row in rows { rates[try row.decode(column: "organization_id", as: UUID.self)] = try row.decode(column: "rate", as: Int64.self) }
        return organizations.map { organization in
            let id = organization.id!
            let own = apps.filter { $0.organizationID == id }
            let wallet = wallets[id]
            return WalletOverview(organizationId: id.uuidString.lowercased(), organizationName: organization.name, balance: wallet?.balance ?? 0,
                                  currency: wallet?.currency ?? "USD", lowBalanceThreshold: wallet?.lowBalanceThreshold ?? Wallet.defaultLowBalanceThreshold,
                                  apps: own.count, suspendedApps: own.filter { $0.suspendedAt != nil }.count, burnRatePerHour: rates[id] ?? 0)
        }
    }
}
