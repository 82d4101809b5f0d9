import Fluent
import PaaSCore
import Vapor

/// `/billing`: the client's wallet, what their apps cost, and monthly statements.
struct BillingPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let billing = routes.grouped("billing").grouped(RequireSignIn(redirectToLogin: true))
        billing.get(use: show)
        billing.get("statements", ":month", use: statement)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let summary = try await BillingSummary.load(organizationID: principal.organizationID, on: req.db)
        let transactions = try await WalletQueries.transactions(of: principal.organizationID, limit: 50, on: req.db)
        let months = try await statementMonths(principal.organizationID, on: req.db)
        return BillingViews.overview(.init(summary: summary, transactions: transactions, months: months)).response(for: req)
    }

    @Sendable func statement(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let statement = try await Statement.load(organizationID: principal.organizationID, month: req.parameters.get("month") ?? "", on: req.db)
        return BillingViews.statement(statement).response(for: req)
    }

    /// Months with wallet activity, newest first, always including the current one.
    private func statementMonths(_ organizationID: UUID, on db: any Database) async throws -> [String] {
        let now = Date().epochSeconds
        let first = try await WalletTransaction.query(on: db).filter(\.$organizationID == organizationID).sort(\.$createdAt).first()?.createdAt?.epochSeconds ?? now
        var months: [String] = []
        var month = BillingClock.monthStart(now)
        while month >= BillingClock.monthStart(first), months.count < 24 {
            months.append(BillingClock.monthLabel(month))
            month = BillingClock.monthStart(month - 1)
        }
        return months
    }
}
