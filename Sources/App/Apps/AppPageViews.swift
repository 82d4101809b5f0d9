import Foundation
import Vapor

/// The app page: what runs, and every control over it. Handlers build the model; this only renders it.
enum AppPageViews {
    struct ProcessRow {
        let type: String
        let quantity: Int
        let tasks: [AppDetailDTO.TaskDTO]
    }

    struct ShowModel {
        let app: TenantApp
        let detail: AppDetailDTO
        let processes: [ProcessRow]
        /// Swarm node id → the node's name in the panel.
        let nodeNames: [String: String]
        let configVars: [(key: String, value: String)]
        let releases: [Release]
        let deployments: [Deployment]
        let git: DeploymentViews.GitModel
        /// What the settings form offers: the plans on offer, plus the app's own if it was archived.
        let plans: [Plan]
        let currency: String
        var forms = AppPageForms()
        /// "page" for a refusal without a field; otherwise the field it concerns
        /// ("image", "key", "scale.<process>", "plan_id", "health_check_path").
        var errors: [String: String] = [:]

        var id: String { app.id!.uuidString.lowercased() }
        var path: String { "/apps/\(id)" }
    }

    static func show(_ model: ShowModel) -> Page {
        let app = model.detail.app
        return Page(title: app.name) {
            el("div", .class("page-header")) {
                el("div") {
                    el("h1", .class("app-title")) { app.name; " "; Components.badge(app.status, tone: AppsViews.tone(app.status)) }
                    if let domain = app.domains.first {
                        el("p", .class("muted")) { el("a", .id("app-domain"), .href("http://\(domain)"), Attr("rel", "noopener")) { "http://\(domain)" } }
                    }
                }
                el("div", .class("page-actions")) {
                    el("a", .class("button button-quiet"), .href("\(model.path)/logs")) { "Live logs" }
                    el("a", .class("button button-quiet"), .id("domains-link"), .href("\(model.path)/domains")) { "Domains" }
                    el("a", .class("button button-quiet"), .id("webhooks-link"), .href("\(model.path)/webhooks")) { "Webhooks" }
                    Components.postButton("Restart", action: "\(model.path)/restart", confirm: "Restart every container of \(app.name)?")
                }
            }
            errorBanner(model)
            if model.app.suspendedAt != nil {
                el("div", .id("suspended-notice"), .class("notice notice-warning"), Attr("role", "status")) {
                    el("strong") { "Suspended. " }
                    "Your wallet ran out, so this app runs no containers; its processes, config and domains are kept. It starts again by itself once your balance is above zero. "
                    el("a", .href("/billing")) { "See billing" }
                }
            }
            if let dockerError = model.detail.dockerError {
                el("div", .id("docker-error"), .class("notice notice-warning"), Attr("role", "alert")) {
                    el("strong") { "Live status unavailable. " }
                    dockerError
                }
            }
            el("div", .class("stats stats-compact")) {
                Components.stat("Plan", model.app.plan.name)
                Components.stat("Location", model.app.location.name)
                Components.stat("Release", app.currentRelease.map { "v\($0.version)" } ?? "none yet")
                Components.stat("Containers", containerSummary(model))
            }
            processes(model)
            el("div", .class("grid grid-top")) {
                DeploymentViews.gitCard(model.git)
                deployCard(model)
            }
            configCard(model)
            releases(model)
            DeploymentViews.history(.init(appPath: model.path, deployments: model.deployments, currentReleaseID: model.app.currentReleaseID))
            el("div", .class("grid grid-top")) {
                settingsCard(model)
                dangerZone(model)
            }
            activity(model)
        }
    }

    // MARK: sections

    private static func errorBanner(_ model: ShowModel) -> HTML {
        guard let (key, message) = model.errors.first else { return .empty }
        return el("div", .id("page-error"), .class("flash flash-error"), Attr("role", "alert")) {
            if key == "page" {
                message
            } else {
                "Nothing was changed: \(message) "
                el("a", .href("#" + anchor(forErrorKey: key))) { "Go to the form" }
            }
        }
    }

    private static func anchor(forErrorKey key: String) -> String {
        switch key {
        case "image": return "deploy"
        case "key": return "config-vars"
        case "plan_id", "health_check_path", "buildpacks": return "settings"
        default: return key.hasPrefix("scale.") ? "process-" + String(key.dropFirst("scale.".count)) : "main"
        }
    }

    private static func containerSummary(_ model: ShowModel) -> String {
        let desired = model.processes.reduce(0) { $0 + $1.quantity }
        let running = model.processes.reduce(0) { total, process in
            total + process.tasks.filter { $0.state == "running" && $0.desiredState == "running" }.count
        }
        if model.detail.app.currentRelease == nil { return "\(desired) planned" }
        return model.detail.dockerError == nil ? "\(running) of \(desired) running" : "\(desired) wanted"
    }

    private static func processes(_ model: ShowModel) -> HTML {
        el("section", .id("processes"), .class("card")) {
            el("h2") { "Processes" }
            if model.detail.app.currentRelease == nil {
                el("p", .class("muted")) { "Nothing is deployed yet. Set how many containers each process should run; they start with the first deploy." }
            }
            for process in model.processes {
                el("div", .id("process-\(process.type)"), .class("process")) {
                    el("div", .class("process-head")) {
                        el("h3") { el("code") { process.type } }
                        scaleForm(model, process)
                    }
                    if let error = model.errors["scale.\(process.type)"] {
                        el("p", .class("field-error scale-error"), .id("scale-\(process.type)-error")) { error }
                    }
                    if process.tasks.isEmpty {
                        if model.detail.dockerError != nil {
                            el("p", .class("muted")) { "Its containers are unknown while the container engine cannot be reached." }
                        } else if model.detail.app.currentRelease != nil {
                            el("p", .class("muted")) { process.quantity == 0 ? "Scaled to zero: no containers." : "No tasks reported by Swarm yet." }
                        }
                    } else {
                        tasksTable(process, nodeNames: model.nodeNames)
                    }
                }
            }
        }
    }

    private static func scaleForm(_ model: ShowModel, _ process: ProcessRow) -> HTML {
        let inputID = "scale-\(process.type)"
        let error = model.errors["scale.\(process.type)"]
        let typed = model.forms.scale[process.type] ?? String(process.quantity)
        return el("form", .class("scale-form" + (error == nil ? "" : " has-error")), .data("process", process.type),
                  Attr("method", "post"), Attr("action", "\(model.path)/scale")) {
            CSRFField()
            el("input", .type("hidden"), .name("process"), .value(process.type))
            el("label", .for(inputID)) { "Containers" }
            el("input", .id(inputID), .name("quantity"), .type("number"), Attr("min", "0"), Attr("max", String(model.app.plan.maxContainers)),
               Attr("step", "1"), .value(typed), .flag("required"),
               .when(error != nil, .aria("invalid", "true")), .when(error != nil, .aria("describedby", inputID + "-error")))
            el("span", .class("muted scale-max")) { "of \(model.app.plan.maxContainers) max" }
            el("button", .type("submit"), .class("button button-quiet")) { "Scale" }
        }
    }

    private static func tasksTable(_ process: ProcessRow, nodeNames: [String: String]) -> HTML {
        Components.table(id: "tasks-\(process.type)", headers: ["Task", "State", "Node", "Addresses", "Updated (UTC)", "Message"], rows: process.tasks.map { task in
            [el("code") { String(task.id.prefix(12)) },
             el("span") {
                 Components.badge(task.state, tone: taskTone(task.state))
                 if task.desiredState != task.state { el("span", .class("muted")) { " → \(task.desiredState)" } }
             },
             .text(task.nodeId.map { nodeNames[$0] ?? String($0.prefix(12)) } ?? "—"),
             el("span", .class("mono")) { task.addresses.isEmpty ? "—" : task.addresses.joined(separator: ", ") },
             task.updatedAt.map { raw in el("time", Attr("datetime", raw), Attr("title", shortTime(raw))) { clockTime(raw) } } ?? .text("—"),
             el("span", .class("task-message")) {
                 if let error = task.error, !error.isEmpty {
                     el("span", .class("task-error")) { error }
                 } else {
                     task.message ?? ""
                 }
             }]
        })
    }

    private static func deployCard(_ model: ShowModel) -> HTML {
        el("section", .id("deploy"), .class("card")) {
            el("h2") { "Deploy an image" }
            if let current = model.detail.app.currentRelease {
                el("p", .class("muted")) { "Running v\(current.version): "; el("code") { current.image } }
            }
            el("form", .id("deploy-form"), Attr("method", "post"), Attr("action", "\(model.path)/deploy"), Attr("novalidate", nil)) {
                CSRFField()
                Components.field(.init(label: "Image", name: "image", value: model.forms.image, error: model.errors["image"],
                                       hint: "A reference the nodes can pull, like registry.example.com/team/app:1.0. It becomes a new numbered release.",
                                       attributes: [Attr("maxlength", "255"), Attr("spellcheck", "false")]))
                el("button", .type("submit"), .class("button button-primary")) { "Deploy" }
            }
            el("h2", .class("card-subheading")) { "Build from git" }
            el("form", .id("build-form"), Attr("method", "post"), Attr("action", "\(model.path)/build"), Attr("novalidate", nil)) {
                CSRFField()
                Components.field(.init(label: "Branch", name: "branch", value: model.forms.branch ?? model.app.deployBranch, error: model.errors["branch"],
                                       hint: "Builds the last commit pushed to this branch again, as a push would, and releases it once healthy.",
                                       attributes: [Attr("maxlength", "100"), Attr("spellcheck", "false")], id: "field-build-branch"))
                el("button", .type("submit"), .class("button button-quiet")) { "Build" }
            }
        }
    }

    private static func configCard(_ model: ShowModel) -> HTML {
        el("section", .id("config-vars"), .class("card")) {
            el("h2") { "Config vars" }
            el("p", .class("muted")) {
                "Environment variables for every process, sealed at rest."
                if model.detail.app.currentRelease != nil { " A change rolls out as a new release." }
            }
            if model.configVars.isEmpty {
                el("p", .class("muted"), .id("config-empty")) { "No variables set." }
            } else {
                Components.table(id: "config-table", headers: ["Key", "Value", ""], rows: model.configVars.map { entry in
                    [el("code") { entry.key },
                     el("span", .class("secret-value"), .data("secret", "")) {
                         el("span", .class("secret-mask"), .aria("label", "hidden value")) { "••••••••" }
                         el("code", .class("secret-text"), .flag("hidden")) { entry.value }
                         " "
                         el("button", .type("button"), .class("button button-quiet button-small"), .data("reveal", ""), .aria("pressed", "false")) { "Reveal" }
                     },
                     el("div", .class("row-actions")) {
                         Components.postButton("Remove", action: "\(model.path)/config-vars/\(entry.key)/delete", tone: "danger",
                                               confirm: "Remove \(entry.key)?")
                     }]
                })
            }
            el("form", .id("config-form"), Attr("method", "post"), Attr("action", "\(model.path)/config-vars"), Attr("novalidate", nil)) {
                CSRFField()
                el("div", .class("form-row")) {
                    Components.field(.init(label: "Key", name: "key", value: model.forms.configKey, error: model.errors["key"],
                                           attributes: [Attr("maxlength", "255"), Attr("spellcheck", "false"), Attr("autocomplete", "off")]))
                    Components.field(.init(label: "Value", name: "value", value: model.forms.configValue, required: false,
                                           attributes: [Attr("spellcheck", "false"), Attr("autocomplete", "off")]))
                }
                el("button", .type("submit"), .class("button button-primary")) { "Set variable" }
            }
        }
    }

    private static func releases(_ model: ShowModel) -> HTML {
        el("section", .id("releases")) {
            el("h2") { "Releases" }
            if model.releases.isEmpty {
                el("p", .class("muted")) { "No releases yet: the first deploy makes v1." }
            } else {
                Components.table(id: "releases-table", headers: ["Version", "Description", "Status", "Date"], rows: model.releases.map { release in
                    [el("strong") { "v\(release.version)"; if release.id == model.app.currentReleaseID { " "; Components.badge("current", tone: "info") } },
                     el("span") {
                         release.description
                         if let error = release.error { el("span", .class("task-error block")) { error } }
                     },
                     Components.badge(release.status, tone: AppsViews.tone(release.status)),
                     .text(Format.date(release.createdAt))]
                })
            }
        }
    }


    private static func settingsCard(_ model: ShowModel) -> HTML {
        let form = model.forms.settings ?? AppSettingsForm(model.app)
        return el("section", .id("settings"), .class("card")) {
            el("h2") { "Settings" }
            el("form", .id("settings-form"), Attr("method", "post"), Attr("action", "\(model.path)/settings"), Attr("novalidate", nil)) {
                CSRFField()
                AppFormFields.select(label: "Plan", name: "plan_id",
                                     options: model.plans.map { .init(value: $0.id!.uuidString.lowercased(), label: AppFormFields.planLabel($0, currency: model.currency)) },
                                     selected: form.planId?.lowercased(), error: model.errors["plan_id"],
                                     hint: "New limits apply to running containers right away.")
                Components.field(.init(label: "Health check path", name: "health_check_path", value: form.healthCheckPath ?? "",
                                       error: model.errors["health_check_path"],
                                       hint: "An HTTP path that answers 2xx when the app is healthy, like /health. Empty: a TCP check on $PORT.",
                                       required: false, attributes: [Attr("maxlength", "200"), Attr("placeholder", "/health")]))
                DeploymentViews.buildpacksField(form.buildpacks ?? "", error: model.errors["buildpacks"])
                el("button", .type("submit"), .class("button button-primary")) { "Save settings" }
            }
        }
    }

    private static func dangerZone(_ model: ShowModel) -> HTML {
        el("section", .id("danger-zone"), .class("card card-danger")) {
            el("h2") { "Danger zone" }
            el("p") { "Deleting \(model.app.name) stops all its containers and removes its releases, config vars and domain. It cannot be undone." }
            el("form", .id("delete-form"), .class("inline-form"), Attr("method", "post"), Attr("action", "\(model.path)/delete")) {
                CSRFField()
                el("button", .type("submit"), .class("button button-danger"),
                   .data("confirm", "Delete \(model.app.name) and stop all its containers? This cannot be undone.")) { "Delete app" }
            }
        }
    }

    private static func activity(_ model: ShowModel) -> HTML {
        el("section", .id("activity")) {
            el("h2") { "Recent activity" }
            if model.detail.events.isEmpty {
                el("p", .class("muted")) { "Nothing yet." }
            } else {
                el("ul", .class("activity-list")) {
                    for entry in model.detail.events.prefix(10) {
                        el("li") {
                            el("span", .class("muted")) { Format.date(entry.createdAt) }
                            " "
                            el("code") { entry.action }
                            if let details = entry.details { " "; details }
                        }
                    }
                }
            }
        }
    }

    // MARK: formatting

    static func taskTone(_ state: String) -> String {
        switch state {
        case "running", "complete": return "success"
        case "failed", "rejected", "orphaned": return "danger"
        case "new", "pending", "assigned", "accepted", "ready", "preparing", "starting": return "info"
        case "shutdown", "remove": return "neutral"
        default: return "neutral"
        }
    }

    /// Swarm's "2026-01-02T03:04:05.123456789Z" as "01-02 03:04:05": tasks are recent, the full time is the title.
    static func clockTime(_ raw: String) -> String {
        guard raw.count >= 19 else { return raw }
        return String(raw.dropFirst(5).prefix(14)).replacingOccurrences(of: "T", with: " ")
    }

    /// Swarm's "2026-01-02T03:04:05.123456789Z" as "2026-01-02 03:04:05 UTC".
    static func shortTime(_ raw: String) -> String {
        guard raw.count >= 19 else { return raw }
        let trimmed = raw.prefix(19).replacingOccurrences(of: "T", with: " ")
        return trimmed + " UTC"
    }
}
