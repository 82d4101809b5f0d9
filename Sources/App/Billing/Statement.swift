import Fluent
import Foundation
import PaaSCore
import Vapor

/// One calendar month of an organization's wallet: opening and closing balance, credits,
/// charges per app, and every transaction in between.
struct Statement: Content {
    var month: String
    var currency: String
    var openingBalance: Int64
    var closingBalance: Int64
    var credits: Int64
    var debits: Int64
    var apps: [BillingQueries.AppUsage]
    var transactions: [WalletAPIController.TransactionDTO]

    static func load(organizationID: UUID, month: String, on db: any Database) async throws -> Statement {
        guard let start = BillingClock.monthStart(label: month) else {
            throw AppError.invalid("month", "Give the month as YYYY-MM, like 2026-11.")
        }
        let from = Date(epoch: start), to = Date(epoch: BillingClock.nextMonthStart(start))
        let wallet = try await WalletQueries.wallet(of: organizationID, on: db)
        let before = try await WalletTransaction.query(on: db).filter(\.$organizationID == organizationID).filter(\.$createdAt < from)
            .sort(\.$createdAt, .descending).first()
        let rows = try await WalletTransaction.query(on: db).filter(\.$organizationID == organizationID)
            .filter(\.$createdAt >= from).filter(\.$createdAt < to).sort(\.$createdAt).all()
        let opening = before?.balanceAfter ?? 0
        let records = try await BillingRecord.query(on: db).filter(\.$organizationID == organizationID)
            .filter(\.$hourStart >= from).filter(\.$hourStart < to).all()
        let names = try await BillingQueries.appNames(Set(records.compactMap(\.applicationID)), on: db)
        var perApp: [UUID: BillingQueries.AppUsage] = [:]
        for record in records {
            var usage = perApp[record.resourceID] ?? .init(day: month, appId: record.applicationID?.uuidString.lowercased(),
                                                           appName: record.applicationID.flatMap { names[$0] } ?? BillingQueries.name(from: record.description),
                                                           containerSeconds: 0, amount: 0)
            usage.containerSeconds += record.seconds
            usage.amount += record.amount
            perApp[record.resourceID] = usage
        }
        return Statement(
            month: month, currency: wallet.currency, openingBalance: opening, closingBalance: rows.last?.balanceAfter ?? opening,
            credits: rows.filter { $0.kind == .credit }.reduce(0) { $0 + $1.amount },
            debits: rows.filter { $0.kind == .debit }.reduce(0) { $0 + $1.amount },
            apps: perApp.values.sorted { $0.amount > $1.amount }, transactions: rows.map(WalletAPIController.TransactionDTO.init))
    }
}
