import Fluent
import Vapor

/// Administrators credit and debit wallets with a reason (the panel's own top-up is outside the
/// PaaS), and see every organization's balance.
struct AdminWalletsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let wallets = routes.grouped("api", "admin", "paas", "wallets").grouped(RequireSignIn(adminOnly: true))
        wallets.get(use: list)
        wallets.get(":organization", use: show)
        wallets.post(":organization", "credit", use: credit)
        wallets.post(":organization", "debit", use: debit)
    }

    @Sendable func list(req: Request) async throws -> [WalletOverview] {
        try await WalletOverview.all(on: req.db)
    }

    struct Detail: Content {
        var wallet: WalletOverview
        var summary: BillingSummary
        var transactions: [WalletAPIController.TransactionDTO]
    }

    @Sendable func show(req: Request) async throws -> Detail {
        let id = try req.idParameter("organization", "Organization")
        let overview = try await WalletOverview.one(id, on: req.db)
        let transactions = try await WalletQueries.transactions(of: id, limit: 100, on: req.db)
        return Detail(wallet: overview, summary: try await BillingSummary.load(organizationID: id, on: req.db), transactions: transactions.map(WalletAPIController.TransactionDTO.init))
    }

    @Sendable func credit(req: Request) async throws -> WalletAdjustment.Result {
        try await WalletAdjustment(req: req).post(.credit, organizationID: req.idParameter("organization", "Organization"), req.content.decode(WalletAdjustment.Input.self))
    }

    @Sendable func debit(req: Request) async throws -> WalletAdjustment.Result {
        try await WalletAdjustment(req: req).post(.debit, organizationID: req.idParameter("organization", "Organization"), req.content.decode(WalletAdjustment.Input.self))
    }
}
