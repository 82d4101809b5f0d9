import Fluent
import Foundation
import PaaSCore
import SQLKit

/// The rows one billed hour writes, as plain values, so each database gets the fastest bulk
/// write it supports (`BillingRowWriter`).
enum BillingRows {
    struct Debit {
        var id: UUID
        var walletID: UUID
        var organizationID: UUID
        var amount: Int64
        var balanceAfter: Int64
        var reference: String
        var description: String
        var idempotencyKey: String
    }

    struct Record: Sendable {
        var id: UUID
        var organizationID: UUID
        var applicationID: UUID?
        var resourceType: String
        var resourceID: UUID
        var hourStart: Date
        var seconds: Int64
        var amount: Int64
        var description: String
        var walletTransactionID: UUID?
        var planID: UUID?
        var locationID: UUID?
        var lines: String

        init(_ resource: ResourceUsage, _ charge: HourlyCharge, hour: Int64, id: UUID, transactionID: UUID?) {
            self.id = id
            // The line that earned most of the hour names the plan and location for revenue reports.
            let main = charge.lines.max { ($0.amount, $0.containerSeconds) < ($1.amount, $1.containerSeconds) }!
            organizationID = resource.organizationID
            applicationID = resource.applicationID
            resourceType = resource.key.type
            resourceID = resource.key.id
            hourStart = Date(epoch: hour)
            seconds = charge.containerSeconds
            amount = charge.amount
            description = BillingDescription.item(resource.name, charge)
            walletTransactionID = transactionID
            planID = resource.plans[main.line]
            locationID = resource.locations[main.line]
            lines = BillingDescription.linesJSON(charge)
        }
    }

    struct WalletState {
        var id: UUID
        var balance: Int64
        var threshold: Int64
    }

    /// Balances read with the rows locked (PostgreSQL) until the hour commits.
    static func lockedWallets(_ organizations: [UUID], on tx: any Database) async throws -> [UUID: WalletState] {
        var wallets: [UUID: WalletState] = [:]
        let lock: SQLQueryString = tx.isPostgres ? " FOR UPDATE" : ""
        for chunk in organizations.chunked(500) {
            let ids: [any Encodable & Sendable] = Array(chunk)
            let rows = try await tx.sql().raw("SELECT id, organization_id, balance, low_balance_threshold FROM wallets WHERE organization_id IN (\(binds: ids))\(lock)").all()
            for row in rows {
                wallets[try row.decode(column: "organization_id", as: UUID.self)] = WalletState(
                    id: try row.decode(column: "id", as: UUID.self), balance: try row.decode(column: "balance", as: Int64.self),
                    threshold: try row.decode(column: "low_balance_threshold", as: Int64.self))
            }
        }
        return wallets
    }
}
