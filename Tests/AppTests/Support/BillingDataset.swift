import Fluent
import Foundation
import SQLKit
import Vapor
@testable import App

/// Organizations with funded wallets and apps that have run since `start`, written in bulk the way
/// a busy platform's tables look: for billing runs over many resource-hours.
struct BillingDataset {
    var organizations: [UUID] = []
    var apps: [UUID] = []
    /// Containers × price of every app, per organization: what one full hour costs it.
    var hourlyCost: [UUID: Int64] = [:]
    var funds: Int64

    static func generate(_ app: Application, planID: UUID, locationID: UUID, organizations: Int, appsPerOrganization: Int,
                         start: Date, funds: Int64 = 1_000_000_000, lowBalanceThreshold: Int64 = 1_000_000, quantity: Int = 2, price: Int64 = 1_000) async throws -> BillingDataset {
        let sql = try app.db.sql()
        var data = BillingDataset(funds: funds)
        let now = Date()
        for _ in 0..<organizations {
            let organization = UUID()
            data.organizations.append(organization)
            data.hourlyCost[organization] = Int64(appsPerOrganization * quantity) * price
        }
        for chunk in data.organizations.chunked(200) {
            var orgs = sql.insert(into: "organizations").columns("id", "name", "slug", "created_at")
            var wallets = sql.insert(into: "wallets").columns("id", "organization_id", "balance", "currency", "low_balance_threshold", "created_at")
            var credits = sql.insert(into: "wallet_transactions").columns("id", "wallet_id", "organization_id", "kind", "amount", "balance_after",
                                                                          "description", "idempotency_key", "created_at")
            for organization in chunk {
                let wallet = UUID()
                let slug = "bill-" + organization.uuidString.lowercased()
                orgs = orgs.values(organization, "Billing \(slug.suffix(6))", slug, now)
                wallets = wallets.values(wallet, organization, funds, "USD", lowBalanceThreshold, now)
                credits = credits.values(UUID(), wallet, organization, "credit", funds, funds, "Opening credit", "open-\(organization)", start.addingTimeInterval(-60))
            }
            try await orgs.run()
            try await wallets.run()
            try await credits.run()
        }
        var rows: [(app: UUID, organization: UUID)] = []
        for organization in data.organizations {
            for _ in 0..<appsPerOrganization { rows.append((UUID(), organization)) }
        }
        for chunk in rows.chunked(200) {
            var apps = sql.insert(into: "paas_applications").columns("id", "organization_id", "name", "plan_id", "location_id", "status", "deploy_branch", "formation", "created_at")
            var segments = sql.insert(into: "paas_usage_segments").columns("id", "organization_id", "application_id", "resource_type", "resource_id", "process_type",
                                                                           "quantity", "plan_id", "location_id", "price_per_hour", "started_at", "created_at")
            for row in chunk {
                apps = apps.values(row.app, row.organization, "a-" + row.app.uuidString.lowercased().prefix(18), planID, locationID, "running", "main", #"{"web":\#(quantity)}"#, now)
                segments = segments.values(UUID(), row.organization, row.app, UsageSegment.appProcess, row.app, "web", quantity, planID, locationID, price, start, now)
            }
            try await apps.run()
            try await segments.run()
            data.apps += chunk.map(\.app)
        }
        return data
    }
}

extension Database {
    func count(_ query: SQLQueryString) async throws -> Int {
        try await sql().raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Organizations whose wallet balance differs from the sum of their transactions (should be none).
    func walletsOutOfBalance() async throws -> Int {
        try await count("""
            SELECT COUNT(*) AS n FROM wallets w LEFT JOIN (
              SELECT wallet_id, SUM(CASE WHEN kind = 'credit' THEN amount ELSE -amount END) AS total FROM wallet_transactions GROUP BY wallet_id
            ) t ON t.wallet_id = w.id WHERE w.balance <> COALESCE(t.total, 0)
            """)
    }

    /// Organization-hours whose debit differs from the sum of their billing records (should be none).
    func debitsNotMatchingItems() async throws -> Int {
        try await count("""
            SELECT COUNT(*) AS n FROM wallet_transactions t LEFT JOIN (
              SELECT wallet_transaction_id, SUM(amount) AS total FROM paas_billing_records GROUP BY wallet_transaction_id
            ) r ON r.wallet_transaction_id = t.id WHERE t.kind = 'debit' AND t.reference LIKE 'usage:%' AND t.amount <> COALESCE(r.total, 0)
            """)
    }
}
