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
        let organizations = try await Organization.query(on: db).sort(\.$name).all()
        let wallets = Dictionary(try await Wallet.query(on: db).all().map { ($0.$organization.id, $0) }, uniquingKeysWith: { a, _ in a })
        let apps = try await TenantApp.query(on: db).all()
        let rows = try await db.sql().raw("""
            SELECT organization_id, CAST(SUM(quantity * price_per_hour) AS BIGINT) AS rate FROM paas_usage_segments WHERE ended_at IS NULL GROUP BY organization_id
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
