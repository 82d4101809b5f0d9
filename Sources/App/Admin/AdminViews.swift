enum AdminViews {
    struct OverviewModel {
        let summary: PlatformSummary
        let activity: [ActivityLog]
        let currency: String
    }

    static func overview(_ model: OverviewModel) -> Page {
        Page(title: "Platform overview") {
            Components.pageHeader("Platform overview", subtitle: "The whole platform at a glance: clients, apps and capacity.")
            el("div", .class("stats")) {
                Components.stat("Organizations", String(model.summary.organizations))
                Components.stat("Users", String(model.summary.users))
                Components.stat("Apps", String(model.summary.apps), href: "/admin/apps")
                Components.stat("Nodes", String(model.summary.nodes), href: "/admin/nodes")
                Components.stat("Locations", String(model.summary.locations), href: "/admin/locations")
                Components.stat("Plans", String(model.summary.plans), href: "/admin/plans")
                Components.stat("Prepaid balances", Format.money(model.summary.walletBalanceTotal, model.currency))
            }
            if model.summary.locations == 0 || model.summary.plans == 0 {
                el("section", .class("card")) {
                    el("h2") { "Getting started" }
                    el("ol") {
                        el("li") { el("a", .href("/admin/locations")) { "Add a location" }; " where your servers are." }
                        el("li") { el("a", .href("/admin/plans")) { "Create plans" }; " with the CPU, memory and hourly price clients can pick." }
                        el("li") { el("a", .href("/admin/nodes")) { "Add worker nodes" }; " to a location so apps have somewhere to run." }
                    }
                }
            }
            el("h2") { "Recent activity" }
            ActivityTable.render(model.activity, emptyMessage: "Sign-ups, deploys and admin actions across the platform appear here.")
        }
    }

    static func apps(_ rows: [(TenantApp, String)]) -> Page {
        Page(title: "All apps") {
            Components.pageHeader("All apps", subtitle: "Every client's apps, across organizations.")
            if rows.isEmpty {
                Components.emptyState("No apps yet", "When clients create apps, they appear here with their organization, plan and location.")
            } else {
                Components.table(id: "all-apps", headers: ["App", "Organization", "Status", "Plan", "Location", "Created"], rows: rows.map { app, organization in
                    [el("strong") { app.name }, .text(organization), Components.badge(app.status, tone: AppsViews.tone(app.status)),
                     .text(app.plan.name), .text(app.location.name), .text(Format.date(app.createdAt))]
                })
            }
        }
    }

    static func builds(_ deployments: [Deployment]) -> Page {
        Page(title: "Builds") {
            Components.pageHeader("Builds", subtitle: "Builds and deploys across the platform, newest first.")
            if deployments.isEmpty {
                Components.emptyState("No builds yet", "Every git push, image deploy and rollback is queued here with its status.")
            } else {
                Components.table(id: "builds", headers: ["App", "Trigger", "Builder", "Status", "Commit", "Started", "Finished"], rows: deployments.map { deployment in
                    [el("strong") { deployment.app.name }, .text(deployment.trigger), .text(deployment.builder ?? "—"),
                     Components.badge(deployment.status, tone: AppsViews.tone(deployment.status)),
                     el("code") { String((deployment.gitSHA ?? "—").prefix(8)) },
                     .text(Format.date(deployment.startedAt)), .text(Format.date(deployment.finishedAt))]
                })
            }
        }
    }
}
