enum PlanViews {
    static func list(_ plans: [Plan], form: PlanForm, errors: [String: String], currency: String) -> Page {
        Page(title: "Plans") {
            Components.pageHeader("Plans", subtitle: "Resource tiers with their hourly price per container and optional monthly cap.")
            if plans.isEmpty {
                Components.emptyState("No plans yet", "Clients need at least one plan to create an app. Create one below: it sets CPU, memory, storage, the container limit and the price per container-hour.")
            } else {
                PlanTable.render(plans, currency: currency) { plan in
                    let id = plan.id!.uuidString.lowercased()
                    return el("div", .class("row-actions")) {
                        el("a", .class("button button-quiet"), .href("/admin/plans/\(id)")) { "Edit" }
                        if plan.isArchived {
                            Components.postButton("Restore", action: "/admin/plans/\(id)/restore")
                        } else {
                            Components.postButton("Archive", action: "/admin/plans/\(id)/archive")
                        }
                        Components.postButton("Delete", action: "/admin/plans/\(id)/delete", tone: "danger",
                                              confirm: "Delete \(plan.name)? If apps use it, it is archived instead.")
                    }
                }
            }
            el("section", .class("card")) {
                el("h2") { "New plan" }
                fields(form: form, errors: errors, action: "/admin/plans", id: "plan-form", submit: "Create plan", currency: currency)
            }
        }
    }

    static func edit(_ plan: Plan, form: PlanForm, errors: [String: String], currency: String) -> Page {
        Page(title: "Edit \(plan.name)") {
            Components.pageHeader("Edit \(plan.name)", subtitle: "Changes apply to new deploys; running apps keep their limits until they are redeployed.")
            el("section", .class("card")) {
                fields(form: form, errors: errors, action: "/admin/plans/\(plan.id!.uuidString.lowercased())", id: "plan-form", submit: "Save plan", currency: currency)
            }
        }
    }

    private static func fields(form: PlanForm, errors: [String: String], action: String, id: String, submit: String, currency: String) -> HTML {
        el("form", .id(id), Attr("method", "post"), Attr("action", action), Attr("novalidate", nil)) {
            CSRFField()
            if let error = errors["form"] { el("div", .class("flash flash-error"), Attr("role", "alert")) { error } }
            el("div", .class("form-row")) {
                Components.field(.init(label: "Name", name: "name", value: form.name ?? "", error: errors["name"], attributes: [Attr("maxlength", "60")]))
                Components.field(.init(label: "CPU (vCPUs)", name: "cpu", value: form.cpu ?? "", error: errors["cpu"], hint: "0.05 to 64, e.g. 0.5"))
                Components.field(.init(label: "Memory (MB)", name: "memory_mb", type: "number", value: form.memoryMb ?? "", error: errors["memory_mb"]))
                Components.field(.init(label: "Storage (MB)", name: "storage_mb", type: "number", value: form.storageMb ?? "1024", error: errors["storage_mb"]))
            }
            el("div", .class("form-row")) {
                Components.field(.init(label: "Max containers per process", name: "max_containers", type: "number", value: form.maxContainers ?? "", error: errors["max_containers"]))
                Components.field(.init(label: "Price per container-hour (\(currency))", name: "price_per_hour", value: form.pricePerHour ?? "", error: errors["price_per_hour"], hint: "Up to six decimals, e.g. 0.0068"))
                Components.field(.init(label: "Monthly cap (\(currency))", name: "monthly_price", value: form.monthlyPrice ?? "", error: errors["monthly_price"], hint: "Empty: no cap (pay as you go).", required: false))
                Components.field(.init(label: "Log retention (days)", name: "log_retention_days", type: "number", value: form.logRetentionDays ?? "7", error: errors["log_retention_days"]))
            }
            el("div", .class("field")) {
                el("label", .class("checkbox")) {
                    el("input", .type("checkbox"), .name("autoscaling_allowed"), .when(form.autoscalingAllowed == "on", .flag("checked")))
                    "Apps on this plan may autoscale"
                }
            }
            el("button", .type("submit"), .class("button button-primary")) { submit }
        }
    }
}
