import Fluent
import Vapor

struct BillingPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("billing").grouped(RequireSignIn(redirectToLogin: true)).get(use: show)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let wallet = try await WalletQueries.wallet(of: principal.organizationID, on: req.db)
        let transactions = try await WalletQueries.transactions(of: principal.organizationID, limit: 100, on: req.db)
        return BillingViews.wallet(.init(wallet: wallet, transactions: transactions)).response(for: req)
    }
}

enum BillingViews {
    struct WalletModel {
        let wallet: Wallet
        let transactions: [WalletTransaction]
    }

    static func wallet(_ model: WalletModel) -> Page {
        let currency = model.wallet.currency
        let low = model.wallet.balance <= model.wallet.lowBalanceThreshold
        return Page(title: "Billing") {
            Components.pageHeader("Billing", subtitle: "Apps are charged by the hour from your organization's prepaid wallet.")
            if low {
                el("div", .class("flash flash-error"), Attr("role", "status")) {
                    "Your balance is at or below \(Format.money(model.wallet.lowBalanceThreshold, currency)). Top up your wallet in the client panel so your apps keep running."
                }
            }
            el("div", .class("stats")) {
                Components.stat("Balance", Format.money(model.wallet.balance, currency))
                Components.stat("Low-balance alert at", Format.money(model.wallet.lowBalanceThreshold, currency))
            }
            el("h2") { "Transactions" }
            if model.transactions.isEmpty {
                Components.emptyState("No transactions yet", "Top-ups and the hourly charges for your apps will be listed here.")
            } else {
                Components.table(id: "transactions", headers: ["When", "Description", "Amount", "Balance after"], rows: model.transactions.map { row in
                    [.text(Format.date(row.createdAt)), .text(row.description),
                     .text((row.kind == .credit ? "+" : "−") + Format.money(row.amount, currency)),
                     .text(Format.money(row.balanceAfter, currency))]
                })
            }
        }
    }
}
