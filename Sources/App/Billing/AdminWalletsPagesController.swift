import Fluent
import PaaSCore
import Vapor

/// `/admin/wallets` and `/admin/revenue`: balances, manual credits and debits, and what the
/// platform earned.
struct AdminWalletsPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("admin").grouped(RequireSignIn(adminOnly: true, redirectToLogin: true))
        admin.get("wallets", use: list)
        admin.get("wallets", ":organization", use: show)
        admin.post("wallets", ":organization", "credit", use: credit)
        admin.post("wallets", ":organization", "debit", use: debit)
        admin.get("revenue", use: revenue)
    }

    @Sendable func list(req: Request) async throws -> Response {
        AdminBillingViews.wallets(try await WalletOverview.all(on: req.db)).response(for: req)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await detail(req, form: .init(), errors: [:]).response(for: req)
    }

    @Sendable func credit(req: Request) async throws -> Response {
        try await adjust(req, .credit)
    }

    @Sendable func debit(req: Request) async throws -> Response {
        try await adjust(req, .debit)
    }

    @Sendable func revenue(req: Request) async throws -> Response {
        let days = min(366, max(1, (try? req.query.get(Int.self, at: "days")) ?? 30))
        return AdminBillingViews.revenue(try await RevenueReport.load(days: days, currency: req.application.config.currency, on: req.db)).response(for: req)
    }

    struct AdjustmentForm: Content {
        var amount: String?
        var reason: String?
        var kind: String?
    }

    private func adjust(_ req: Request, _ kind: WalletTransaction.Kind) async throws -> Response {
        let organization = try req.idParameter("organization", "Organization")
        var form = try req.content.decode(AdjustmentForm.self)
        form.kind = kind.rawValue
        do {
            guard let amount = Money.parse(form.amount ?? ""), amount > 0 else {
                throw AppError.invalid("amount", "Give a positive amount like 25 or 12.50 (up to six decimals).")
            }
            let result = try await WalletAdjustment(req: req).post(kind, organizationID: organization, .init(amount: amount, reason: form.reason ?? ""))
            var message = "\(kind == .credit ? "Credited" : "Debited") \(Format.money(amount, result.currency)). Balance: \(Format.money(result.balance, result.currency))."
            if !result.resumed.isEmpty { message += " Resumed: \(result.resumed.joined(separator: ", "))." }
            if !result.suspended.isEmpty { message += " Suspended: \(result.suspended.joined(separator: ", "))." }
            return req.redirect(to: "/admin/wallets/\(organization.uuidString.lowercased())", flash: .success, message)
        } catch let error as AppError where error.status == .unprocessableEntity {
            var page = try await detail(req, form: form, errors: ["\(kind.rawValue)-\(error.field ?? "amount")": error.message])
            page.status = error.status
            return page.response(for: req)
        }
    }

    private func detail(_ req: Request, form: AdjustmentForm, errors: [String: String]) async throws -> Page {
        let id = try req.idParameter("organization", "Organization")
        let overview = try await WalletOverview.one(id, on: req.db)
        let transactions = try await WalletQueries.transactions(of: id, limit: 100, on: req.db)
        return AdminBillingViews.wallet(.init(overview: overview, summary: try await BillingSummary.load(organizationID: id, on: req.db),
                                              transactions: transactions, form: form, errors: errors))
    }
}
