enum AppsViews {
    struct ListModel {
        let apps: [TenantApp]
        let plans: [Plan]
        let locations: [Location]
        let currency: String
        var billing: BillingSummary? = nil
    }

    static func list(_ model: ListModel) -> Page {
        Page(title: "Apps") {
            Components.pageHeader("Apps", subtitle: "Everything your organization runs on the platform.") {
                if canCreate(model) { el("a", .id("create-app"), .class("button button-primary"), .href("/apps/new")) { "Create app" } }
            }
            if let billing = model.billing { BillingViews.walletBanner(billing) }
            if model.apps.isEmpty {
                Components.emptyState("No apps yet", emptyMessage(model)) {
                    if canCreate(model) { el("a", .class("button button-primary"), .href("/apps/new")) { "Create your first app" } }
                }
            } else {
                Components.table(id: "apps", headers: ["Name", "Status", "Plan", "Location", "Created"], rows: model.apps.map { app in
                    [el("a", .class("app-link"), .href("/apps/\(app.id!.uuidString.lowercased())")) { el("strong") { app.name } },
                     Components.badge(app.status, tone: tone(app.status)), .text(app.plan.name),
                     .text(app.location.name), .text(Format.date(app.createdAt))]
                })
            }
            if !model.plans.isEmpty {
                el("h2") { "Plans" }
                PlanTable.render(model.plans, currency: model.currency)
            }
        }
    }

    private static func canCreate(_ model: ListModel) -> Bool { !model.plans.isEmpty && !model.locations.isEmpty }

    private static func emptyMessage(_ model: ListModel) -> String {
        if model.plans.isEmpty || model.locations.isEmpty {
            return "The platform has no plans or locations to offer yet. Your hosting provider sets them up; once they have, you pick one of each for every app."
        }
        return "Each app gets a plan (its CPU, memory and hourly price) and a location (where it runs). The plans on offer are listed below."
    }

    static func tone(_ status: String) -> String {
        switch status {
        case "running", "active", "succeeded", "ready": return "success"
        case "failed", "crashed", "down": return "danger"
        case "deploying", "building", "queued", "pending", "installing": return "info"
        case "suspended", "stopped", "draining", "drained": return "warning"
        default: return "neutral"
        }
    }
}

enum PlanTable {
    /// The plans with their limits and prices; `actions` adds a last column (the admin's buttons).
    static func render(_ plans: [Plan], currency: String, actions: ((Plan) -> HTML)? = nil) -> HTML {
        let headers = ["Plan", "CPU", "Memory", "Storage", "Max containers", "Per container-hour", "Per container-month", "Logs kept"] + (actions == nil ? [] : [""])
        return Components.table(id: "plans", headers: headers, rows: plans.map { plan in
            [el("strong") { plan.name; if plan.isArchived { " "; Components.badge("archived", tone: "warning") } },
             .text(Format.cpu(plan.cpuMillis)), .text(Format.memory(plan.memoryMB)), .text(Format.memory(plan.storageMB)),
             .text(String(plan.maxContainers)), .text(Format.money(plan.pricePerHour, currency)),
             .text(monthly(plan, currency: currency)), .text("\(plan.logRetentionDays) days")] + (actions.map { [$0(plan)] } ?? [])
        })
    }

    /// A package plan's cap, or what a pay-as-you-go container costs running a whole average month (730 h).
    static func monthly(_ plan: Plan, currency: String) -> String {
        if let cap = plan.monthlyPrice { return "at most \(Format.money(cap, currency)) a month per container" }
        return "about \(Format.money(plan.pricePerHour * 730, currency)) a month per container, no cap"
    }
}
