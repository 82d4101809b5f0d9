import Foundation

/// Git setup, deployment history and one deployment's build log. Handlers build the models.
enum DeploymentViews {
    struct GitModel {
        let appName: String
        let remote: String
        let deployBranch: String
    }

    struct HistoryModel {
        let appPath: String
        let deployments: [Deployment]
        let currentReleaseID: UUID?
    }

    struct DetailModel {
        let appName: String
        let appPath: String
        let deployment: Deployment
        let releaseVersion: Int?
        let log: String
        let isCurrent: Bool

        var id: String { deployment.id!.uuidString.lowercased() }
        var isRunning: Bool { ["queued", "building", "releasing"].contains(deployment.status) }
    }

    static func gitCard(_ model: GitModel) -> HTML {
        let setup = "git remote add paas \(model.remote)\ngit push paas \(model.deployBranch)"
        return el("section", .id("git"), .class("card")) {
            el("h2") { "Deploy with git" }
            el("p", .class("muted")) {
                "Push to build and release: a Dockerfile is built as is, anything else with buildpacks. The build log streams back to git, and the push fails if the build or release does. "
                "Sign in with any user name and an API token as the password."
            }
            el("p") { "Remote: "; el("code", .id("git-remote")) { model.remote }; " "; copyButton("git-remote") }
            el("pre", .id("git-setup"), .class("code-block")) { setup }
            copyButton("git-setup")
        }
    }

    /// The app's buildpack list in the settings form, one per line.
    static func buildpacksField(_ value: String, error: String?) -> HTML {
        el("div", .class(error == nil ? "field" : "field has-error")) {
            el("label", .for("field-buildpacks")) { "Buildpacks" }
            el("textarea", .id("field-buildpacks"), .name("buildpacks"), Attr("rows", "2"), Attr("spellcheck", "false"),
               .when(error != nil, .aria("invalid", "true"))) { value }
            el("p", .class("hint")) { "One per line: a git URL (https://…, optionally #branch) or a platform buildpack name. Empty: a Dockerfile, else detection." }
            if let error { el("p", .class("field-error")) { error } }
        }
    }

    private static func copyButton(_ target: String) -> HTML {
        el("button", .type("button"), .class("button button-quiet"), .data("copy", target)) { "Copy" }
    }

    static func history(_ model: HistoryModel) -> HTML {
        el("section", .id("deployments")) {
            el("h2") { "Deployments" }
            if model.deployments.isEmpty {
                el("p", .class("muted")) { "No deployments yet." }
            } else {
                Components.table(id: "deployments-table", headers: ["Status", "Commit", "Trigger", "Duration", "Started", ""],
                                 rows: model.deployments.map { row($0, model) })
            }
        }
    }

    private static func row(_ deployment: Deployment, _ model: HistoryModel) -> [HTML] {
        let id = deployment.id!.uuidString.lowercased()
        return [
            el("span") {
                Components.badge(deployment.status, tone: AppsViews.tone(deployment.status))
                if let error = deployment.error { el("span", .class("task-error block")) { error } }
            },
            el("span") {
                el("code") { deployment.gitSHA.map { String($0.prefix(7)) } ?? (deployment.image ?? "—") }
                if let ref = deployment.gitRef { " "; el("span", .class("muted")) { ref.replacingOccurrences(of: "refs/heads/", with: "") } }
            },
            .text(deployment.trigger + (deployment.builder.map { " · \($0)" } ?? "")),
            .text(duration(deployment)),
            .text(Format.date(deployment.startedAt ?? deployment.createdAt)),
            el("span", .class("row-actions")) {
                el("a", .class("button button-quiet"), .href("\(model.appPath)/deployments/\(id)")) { "Log" }
                if deployment.status == "succeeded", let release = deployment.releaseID, release != model.currentReleaseID {
                    Components.postButton("Roll back", action: "\(model.appPath)/rollback/\(id)", confirm: "Deploy this release again, with its config?")
                }
            },
        ]
    }

    static func duration(_ deployment: Deployment) -> String {
        guard let start = deployment.startedAt, let end = deployment.finishedAt else { return "—" }
        let seconds = Int(end.timeIntervalSince(start).rounded())
        return seconds < 60 ? "\(seconds) s" : "\(seconds / 60) min \(seconds % 60) s"
    }

    static func detail(_ model: DetailModel) -> Page {
        Page(title: "Deployment of \(model.appName)") {
            Components.pageHeader("Deployment of \(model.appName)", subtitle: model.releaseVersion.map { "Release v\($0)" }) {
                el("a", .class("button button-quiet"), .href(model.appPath)) { "Back to the app" }
                if model.isRunning {
                    el("span", .data("build-cancel", "")) {
                        Components.postButton("Cancel build", action: "\(model.appPath)/deployments/\(model.id)/cancel", confirm: "Stop this build?")
                    }
                }
            }
            el("div", .class("stats stats-compact")) {
                el("div", .class("stat")) {
                    el("span", .class("stat-label")) { "Status" }
                    el("span", .class("stat-value"), .id("deployment-status")) { model.deployment.status }
                }
                Components.stat("Commit", model.deployment.gitSHA.map { String($0.prefix(12)) } ?? "—")
                Components.stat("Trigger", model.deployment.trigger)
                Components.stat("Duration", duration(model.deployment))
            }
            if let error = model.deployment.error {
                el("div", .id("deployment-error"), .class("flash flash-error"), Attr("role", "alert")) { error }
            }
            el("section", .class("card"), .id("build-log"), .data("build-log", "/api/paas\(model.appPath)/deployments/\(model.id)/log")) {
                el("h2") { "Build log "; el("span", .class("muted"), .id("build-log-status"), .data("build-log-status", "")) { model.deployment.status } }
                el("pre", .class("code-block build-log-output"), .id("build-log-output"), .data("build-log-output", "")) { model.log }
            }
        }
    }
}
