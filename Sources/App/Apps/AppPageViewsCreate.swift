import Foundation

extension AppPageViews {
    struct CreateModel {
        let form: AppCreateForm
        /// "name", "plan_id", "location_id", or "form" for a refusal that names none of them.
        let errors: [String: String]
        let plans: [Plan]
        let locations: [Location]
        let currency: String
    }

    static func create(_ model: CreateModel) -> Page {
        Page(title: "Create an app") {
            Components.pageHeader("Create an app", subtitle: "Pick a name, a plan for its containers and the location it runs in.") {
                el("a", .class("button button-quiet"), .href("/apps")) { "Back to apps" }
            }
            if model.plans.isEmpty || model.locations.isEmpty {
                Components.emptyState("Nothing to pick from yet",
                                      "The platform has no \(model.plans.isEmpty ? "plans" : "locations") on offer yet. Your hosting provider sets them up; come back once they have.")
            } else {
                el("section", .class("card form-card")) {
                    el("form", .id("create-app-form"), Attr("method", "post"), Attr("action", "/apps"), Attr("novalidate", nil)) {
                        CSRFField()
                        if let error = model.errors["form"] { el("div", .class("flash flash-error"), Attr("role", "alert")) { error } }
                        Components.field(.init(label: "Name", name: "name", value: model.form.name ?? "", error: model.errors["name"],
                                               hint: "3 to 30 lowercase letters, digits and dashes, starting with a letter. Unique on the platform; it is part of the app's address.",
                                               autocomplete: "off",
                                               attributes: [Attr("maxlength", "30"), Attr("spellcheck", "false"), Attr("placeholder", "my-shop")]))
                        AppFormFields.select(label: "Plan", name: "plan_id",
                                             options: model.plans.map { .init(value: $0.id!.uuidString.lowercased(), label: AppFormFields.planLabel($0, currency: model.currency)) },
                                             selected: model.form.planId?.lowercased(), error: model.errors["plan_id"],
                                             hint: "You pay the hourly price per running container, never more than the monthly cap.",
                                             placeholder: model.plans.count > 1 ? "Choose a plan" : nil)
                        AppFormFields.select(label: "Location", name: "location_id",
                                             options: model.locations.map { .init(value: $0.id!.uuidString.lowercased(), label: AppFormFields.locationLabel($0)) },
                                             selected: model.form.locationId?.lowercased(), error: model.errors["location_id"],
                                             placeholder: model.locations.count > 1 ? "Choose a location" : nil)
                        el("div", .class("form-actions")) {
                            el("button", .type("submit"), .class("button button-primary")) { "Create app" }
                            el("a", .class("button button-quiet"), .href("/apps")) { "Cancel" }
                        }
                    }
                }
                el("h2") { "Plans on offer" }
                PlanTable.render(model.plans, currency: model.currency)
            }
        }
    }

    struct LogsModel {
        let id: String
        let name: String
        let status: String
        let deployed: Bool
        let streamURL: String
    }

    /// The live log: app.js opens an EventSource on `data-log-stream` and fills the output.
    static func logs(_ model: LogsModel) -> Page {
        Page(title: "Logs · \(model.name)") {
            el("div", .class("page-header")) {
                el("div") {
                    el("h1", .class("app-title")) { "Logs · \(model.name)"; " "; Components.badge(model.status, tone: AppsViews.tone(model.status)) }
                    el("p", .class("muted")) { "Live output of every process: the last 200 lines each, then new lines as they come." }
                }
                el("div", .class("page-actions")) {
                    el("a", .class("button button-quiet"), .href("/apps/\(model.id)")) { "Back to \(model.name)" }
                }
            }
            if !model.deployed {
                el("div", .class("notice notice-info"), Attr("role", "status")) { "Nothing is deployed yet, so there are no logs. Deploy an image and its output appears here." }
            }
            el("div", .id("log-view"), .class("log-view"), .data("log-stream", model.streamURL)) {
                el("div", .class("log-toolbar")) {
                    el("span", .class("log-status"), .data("log-status", ""), Attr("role", "status"), .aria("live", "polite")) { "Connecting…" }
                    el("div", .class("log-controls")) {
                        el("button", .type("button"), .class("button button-quiet button-small"), .data("log-pause", ""), .aria("pressed", "false")) { "Pause" }
                        el("button", .type("button"), .class("button button-quiet button-small"), .data("log-clear", "")) { "Clear" }
                    }
                }
                el("pre", .class("log-output"), .data("log-output", ""), Attr("tabindex", "0"), .aria("label", "Log lines of \(model.name)")) {}
                el("noscript") {
                    el("p", .class("muted")) { "The live view needs JavaScript. The raw stream is at "; el("a", .href(model.streamURL)) { model.streamURL }; "." }
                }
            }
        }
    }
}
