import Foundation
import PaaSCore

enum AdminBillingViews {
    static func wallets(_ rows: [WalletOverview]) -> Page {
        Page(title: "Wallets") {
            Components.pageHeader("Wallets", subtitle: "Every organization's prepaid balance. Credit or debit one with a reason; the client sees it on their statement.")
            if rows.isEmpty {
                Components.emptyState("No organizations yet", "Organizations appear here when clients sign up.")
            } else {
                Components.table(id: "wallets", headers: ["Organization", "Balance", "Burn rate", "Apps", "Suspended", ""], rows: rows.map { row in
                    [.text(row.organizationName), .text(Format.money(row.balance, row.currency)),
                     .text(Format.money(row.burnRatePerHour, row.currency) + " / h"), .text(String(row.apps)),
                     row.suspendedApps > 0 ? Components.badge("\(row.suspendedApps) suspended", tone: "warning") : .text("—"),
                     el("a", .class("button button-quiet"), .href("/admin/wallets/\(row.organizationId)")) { "Manage" }]
                })
            }
        }
    }

    struct WalletModel {
        let overview: WalletOverview
        let summary: BillingSummary
        let transactions: [WalletTransaction]
        let form: AdminWalletsPagesController.AdjustmentForm
        let errors: [String: String]
    }

    static func wallet(_ model: WalletModel) -> Page {
        let overview = model.overview, currency = overview.currency
        return Page(title: "Wallet · \(overview.organizationName)") {
            Components.pageHeader(overview.organizationName, subtitle: "Wallet and app usage") {
                el("a", .class("button button-quiet"), .href("/admin/wallets")) { "All wallets" }
            }
            BillingViews.walletBanner(model.summary)
            el("div", .class("stats"), .id("wallet-stats")) {
                Components.stat("Balance", Format.money(overview.balance, currency))
                Components.stat("Burn rate", Format.money(model.summary.burnRatePerHour, currency) + " / hour")
                Components.stat("This month so far", Format.money(model.summary.monthToDate, currency))
                Components.stat("Alert at", Format.money(overview.lowBalanceThreshold, currency))
            }
            el("div", .class("grid grid-top")) {
                adjustmentForm(.credit, overview: overview, model: model)
                adjustmentForm(.debit, overview: overview, model: model)
            }
            el("h2") { "Transactions" }
            if model.transactions.isEmpty {
                el("p", .class("muted")) { "No transactions yet." }
            } else {
                BillingViews.transactionTable(model.transactions.map(WalletAPIController.TransactionDTO.init), currency: currency)
            }
        }
    }

    private static func adjustmentForm(_ kind: WalletTransaction.Kind, overview: WalletOverview, model: WalletModel) -> HTML {
        let name = kind.rawValue
        let mine = model.form.kind == name
        return el("section", .class("card"), .id("\(name)-card")) {
            el("h2") { kind == .credit ? "Credit" : "Debit" }
            el("p", .class("muted")) {
                kind == .credit ? "Adds money, e.g. a payment received outside the panel. Suspended apps resume once the balance is above zero."
                                : "Takes money, e.g. a correction. A balance at or below zero suspends the organization's apps."
            }
            el("form", .id("\(name)-form"), Attr("method", "post"), Attr("action", "/admin/wallets/\(overview.organizationId)/\(name)"), .flag("novalidate")) {
                CSRFField()
                Components.field(.init(label: "Amount (\(overview.currency))", name: "amount", value: mine ? model.form.amount ?? "" : "",
                                       error: model.errors["\(name)-amount"], hint: "Like 25 or 12.50",
                                       attributes: [Attr("inputmode", "decimal")], id: "\(name)-amount"))
                Components.field(.init(label: "Reason", name: "reason", value: mine ? model.form.reason ?? "" : "",
                                       error: model.errors["\(name)-reason"], hint: "Shown to the client on their statement",
                                       attributes: [Attr("maxlength", "200")], id: "\(name)-reason"))
                el("button", .type("submit"), .class(kind == .credit ? "button button-primary" : "button button-danger")) { kind == .credit ? "Credit wallet" : "Debit wallet" }
            }
        }
    }

    static func revenue(_ report: RevenueReport) -> Page {
        Page(title: "Revenue") {
            Components.pageHeader("Revenue", subtitle: "Charges for app usage over the last \(report.days) days (UTC), by day, plan and location.")
            el("div", .class("stats"), .id("revenue-stats")) {
                Components.stat("Total", Format.money(report.total, report.currency))
                Components.stat("Container-hours", Format.containerHours(report.perDay.reduce(0) { $0 + $1.containerSeconds }))
            }
            el("ul", .class("inline-list")) {
                for days in [1, 7, 30, 90] { el("li") { el("a", .href("/admin/revenue?days=\(days)")) { days == 1 ? "1 day" : "\(days) days" } } }
            }
            for (title, id, buckets) in [("Per day", "revenue-days", report.perDay), ("Per plan", "revenue-plans", report.perPlan), ("Per location", "revenue-locations", report.perLocation)] {
                el("h2") { title }
                if buckets.isEmpty {
                    el("p", .class("muted")) { "No charges in this period." }
                } else {
                    Components.table(id: id, headers: [title == "Per day" ? "Day" : String(title.dropFirst(4)).capitalized, "Container-hours", "Revenue"], rows: buckets.map { bucket in
                        [.text(bucket.name), .text(Format.containerHours(bucket.containerSeconds)), .text(Format.money(bucket.amount, report.currency))]
                    })
                }
            }
        }
    }
}
