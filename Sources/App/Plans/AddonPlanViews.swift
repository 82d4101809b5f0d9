import PaaSCore

enum AddonPlanViews {
    static let kindLabels = ["postgresql": "PostgreSQL", "mysql": "MySQL", "redis": "Redis"]

    static func list(_ plans: [AddonPlan], form: AddonPlanForm, errors: [String: String], currency: String) -> Page {
        Page(title: "Addon plans") {
            Components.pageHeader("Addon plans", subtitle: "Tiers for managed PostgreSQL, MySQL and Redis, with their hourly price and optional monthly cap.")
            if plans.isEmpty {
                Components.emptyState("No addon plans yet", "Clients need an addon plan of a kind to add that database or cache. Create one below: it sets the engine, memory, storage and the price per hour.")
            } else {
                table(plans, currency: currency)
            }
            el("section", .class("card")) {
                el("h2") { "New addon plan" }
                fields(form: form, errors: errors, action: "/admin/addon-plans", submit: "Create addon plan", currency: currency)
            }
        }
    }

    static func edit(_ plan: AddonPlan, form: AddonPlanForm, errors: [String: String], currency: String) -> Page {
        Page(title: "Edit \(plan.name)") {
            Components.pageHeader("Edit \(plan.name)", subtitle: "Prices apply from the next billed hour; running addons keep their limits until they are reprovisioned.")
            el("section", .class("card")) {
                fields(form: form, errors: errors, action: "/admin/addon-plans/\(plan.id!.uuidString.lowercased())", submit: "Save addon plan", currency: currency)
            }
        }
    }

    private static func table(_ plans: [AddonPlan], currency: String) -> HTML {
        let headers = ["Plan", "Kind", "CPU", "Memory", "Storage", "Connections", "Per hour", "Per month", ""]
        return Components.table(id: "addon-plans", headers: headers, rows: plans.map { plan in
            [el("strong") { plan.name; if plan.isArchived { " "; Components.badge("archived", tone: "warning") } },
             .text(kindLabels[plan.kind] ?? plan.kind), .text(plan.cpuMillis.map(Format.cpu) ?? "no limit"),
             .text(Format.memory(plan.memoryMB)), .text(Format.memory(plan.storageMB)),
             .text(plan.maxConnections.map(String.init) ?? "engine default"), .text(Format.money(plan.pricePerHour, currency)),
             .text(monthly(plan, currency: currency)), actions(plan)]
        })
    }

    /// The cap, or what the addon costs running a whole average month (730 h).
    private static func monthly(_ plan: AddonPlan, currency: String) -> String {
        if let cap = plan.monthlyPrice { return "at most \(Format.money(cap, currency))" }
        return "about \(Format.money(plan.pricePerHour * 730, currency)), no cap"
    }

    private static func actions(_ plan: AddonPlan) -> HTML {
        let path = "/admin/addon-plans/\(plan.id!.uuidString.lowercased())"
        return el("div", .class("row-actions")) {
            el("a", .class("button button-quiet"), .href(path)) { "Edit" }
            if plan.isArchived {
                Components.postButton("Restore", action: "\(path)/restore")
            } else {
                Components.postButton("Archive", action: "\(path)/archive")
            }
            Components.postButton("Delete", action: "\(path)/delete", tone: "danger",
                                  confirm: "Delete \(plan.name)? If addons use it, it is archived instead.")
        }
    }

    private static func fields(form: AddonPlanForm, errors: [String: String], action: String, submit: String, currency: String) -> HTML {
        let kinds = AddonPlanTerms.kinds.map { AppFormFields.Option(value: $0, label: kindLabels[$0] ?? $0) }
        return el("form", .id("addon-plan-form"), Attr("method", "post"), Attr("action", action), Attr("novalidate", nil)) {
            CSRFField()
            if let error = errors["form"] { el("div", .class("flash flash-error"), Attr("role", "alert")) { error } }
            el("div", .class("form-row")) {
                AppFormFields.select(label: "Kind", name: "kind", options: kinds, selected: form.kind, error: errors["kind"], placeholder: "Choose an engine")
                Components.field(.init(label: "Name", name: "name", value: form.name ?? "", error: errors["name"], attributes: [Attr("maxlength", "60")]))
                Components.field(.init(label: "Description", name: "description", value: form.description ?? "", error: errors["description"],
                                       required: false, attributes: [Attr("maxlength", "300")]))
            }
            el("div", .class("form-row")) {
                Components.field(.init(label: "CPU (vCPUs)", name: "cpu", value: form.cpu ?? "", error: errors["cpu"], hint: "0.05 to 64; empty: no limit.", required: false))
                Components.field(.init(label: "Memory (MB)", name: "memory_mb", type: "number", value: form.memoryMb ?? "", error: errors["memory_mb"]))
                Components.field(.init(label: "Storage (MB)", name: "storage_mb", type: "number", value: form.storageMb ?? "1024", error: errors["storage_mb"]))
                Components.field(.init(label: "Max connections", name: "max_connections", type: "number", value: form.maxConnections ?? "",
                                       error: errors["max_connections"], hint: "Empty: the engine's default.", required: false))
            }
            el("div", .class("form-row")) {
                Components.field(.init(label: "Price per hour (\(currency))", name: "price_per_hour", value: form.pricePerHour ?? "", error: errors["price_per_hour"], hint: "Up to six decimals, e.g. 0.0137"))
                Components.field(.init(label: "Monthly cap (\(currency))", name: "monthly_price", value: form.monthlyPrice ?? "", error: errors["monthly_price"], hint: "Empty: no cap (pay as you go).", required: false))
                Components.field(.init(label: "Sort order", name: "sort_order", type: "number", value: form.sortOrder ?? "", error: errors["sort_order"],
                                       hint: "Lower comes first within a kind; empty: after the ordered ones.", required: false))
            }
            el("button", .type("submit"), .class("button button-primary")) { submit }
        }
    }
}
