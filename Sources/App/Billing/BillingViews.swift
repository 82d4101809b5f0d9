import Foundation
import PaaSCore

enum BillingViews {
    struct Overview {
        let summary: BillingSummary
        let transactions: [WalletTransaction]
        let months: [String]
    }

    static func overview(_ model: Overview) -> Page {
        let summary = model.summary
        let currency = summary.currency
        return Page(title: "Billing") {
            Components.pageHeader("Billing", subtitle: "Apps are charged by the hour from your organization's prepaid wallet, to the second.")
            walletBanner(summary)
            el("div", .class("stats"), .id("billing-stats")) {
                Components.stat("Balance", Format.money(summary.balance, currency))
                Components.stat("Running apps cost", Format.money(summary.burnRatePerHour, currency) + " / hour")
                Components.stat("Balance lasts", summary.hoursLeft.map { Format.duration(hours: $0) } ?? "nothing is running")
                Components.stat("This month so far", Format.money(summary.monthToDate, currency))
            }
            el("h2") { "Usage per app per day" }
            if summary.usage.isEmpty {
                Components.emptyState("No usage yet", "Each closed hour your apps ran is charged here, per app and per day.")
            } else {
                Components.table(id: "usage", headers: ["Day (UTC)", "App", "Container-hours", "Charged"], rows: summary.usage.map { row in
                    [.text(row.day), .text(row.appName), .text(Format.containerHours(row.containerSeconds)), .text(Format.money(row.amount, currency))]
                })
            }
            el("h2") { "Monthly statements" }
            el("ul", .class("inline-list"), .id("statements")) {
                for month in model.months { el("li") { el("a", .href("/billing/statements/\(month)")) { month } } }
            }
            el("h2") { "Transactions" }
            if model.transactions.isEmpty {
                Components.emptyState("No transactions yet", "Top-ups and the hourly charges for your apps will be listed here.")
            } else {
                transactionTable(model.transactions.map(WalletAPIController.TransactionDTO.init), currency: currency)
            }
        }
    }

    static func statement(_ statement: Statement) -> Page {
        let currency = statement.currency
        return Page(title: "Statement \(statement.month)") {
            Components.pageHeader("Statement for \(statement.month)", subtitle: "Calendar month in UTC. Usage is charged after each hour closes.") {
                el("a", .class("button button-quiet"), .href("/billing")) { "Back to billing" }
            }
            el("div", .class("stats"), .id("statement-stats")) {
                Components.stat("Opening balance", Format.money(statement.openingBalance, currency))
                Components.stat("Credits", Format.money(statement.credits, currency))
                Components.stat("Charges", Format.money(statement.debits, currency))
                Components.stat("Closing balance", Format.money(statement.closingBalance, currency))
            }
            el("h2") { "Charges per app" }
            if statement.apps.isEmpty {
                Components.emptyState("No charges this month", "No app ran in this month.")
            } else {
                Components.table(id: "statement-apps", headers: ["App", "Container-hours", "Charged"], rows: statement.apps.map { row in
                    [.text(row.appName), .text(Format.containerHours(row.containerSeconds)), .text(Format.money(row.amount, currency))]
                })
            }
            el("h2") { "Transactions" }
            if statement.transactions.isEmpty {
                el("p", .class("muted")) { "No transactions in this month." }
            } else {
                transactionTable(statement.transactions, currency: currency)
            }
        }
    }

    static func transactionTable(_ rows: [WalletAPIController.TransactionDTO], currency: String) -> HTML {
        Components.table(id: "transactions", headers: ["When", "Description", "Amount", "Balance after"], rows: rows.map { row in
            [.text(Format.date(row.createdAt)), .text(row.description),
             .text((row.kind == "credit" ? "+" : "−") + Format.money(row.amount, currency)), .text(Format.money(row.balanceAfter, currency))]
        })
    }

    /// The low-balance and suspension warning, shown on the billing page and the apps list.
    static func walletBanner(_ summary: BillingSummary) -> HTML {
        el("div", .id("wallet-banner")) {
            if !summary.suspendedApps.isEmpty {
                el("div", .class("flash flash-error"), Attr("role", "alert")) {
                    "Your wallet is empty, so these apps are suspended: \(summary.suspendedApps.joined(separator: ", ")). Top up your wallet in the client panel; they start again by themselves once the balance is above zero."
                }
            } else if summary.lowBalance {
                el("div", .class("flash flash-error"), Attr("role", "status")) {
                    "Your balance is \(Format.money(summary.balance, summary.currency)), at or below your alert level of \(Format.money(summary.lowBalanceThreshold, summary.currency)). Top up your wallet in the client panel so your apps keep running."
                }
            }
        }
    }
}
