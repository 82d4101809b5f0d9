import Foundation
import PaaSCore

/// An app's webhooks page. Handlers build the model; this only renders it.
enum WebhookViews {
    struct Model {
        let appID: String
        let appName: String
        let deployBranch: String
        let webhooks: [WebhookDTO]
        var form = WebhooksPagesController.CreateForm()
        var errors: [String: String] = [:]
        /// Right after a create: the secrets, shown this once.
        var created: WebhookDTO.Created? = nil

        var path: String { "/apps/\(appID)/webhooks" }
    }

    static func page(_ model: Model) -> Page {
        Page(title: "Webhooks · \(model.appName)") {
            Components.pageHeader("Webhooks of \(model.appName)", subtitle: "Deploy on every push to GitHub or GitLab, or from any system that can sign a POST.") {
                el("a", .class("button button-quiet"), .href("/apps/\(model.appID)")) { "Back to the app" }
            }
            if let error = model.errors["form"] { el("div", .id("page-error"), .class("flash flash-error"), Attr("role", "alert")) { error } }
            if let created = model.created { createdCard(created) }
            if model.webhooks.isEmpty {
                Components.emptyState("No webhooks yet", "Add one below, then paste its URL and secret into your git host. Pushes to \(model.deployBranch) then build and deploy like a git push to the platform.")
            } else {
                Components.table(id: "webhooks", headers: ["Source", "Branch", "Last delivery", ""], rows: model.webhooks.map { row($0, model) })
            }
            form(model)
        }
    }

    private static func row(_ webhook: WebhookDTO, _ model: Model) -> [HTML] {
        [
            el("div", .id("webhook-\(webhook.id)")) {
                el("strong") { webhook.providerName }
                if let url = webhook.repositoryUrl { el("div", .class("hint")) { el("code") { url } } } else { el("div", .class("hint")) { "the app's repository on the platform" } }
                if let repository = webhook.repository { el("div", .class("hint")) { "only deliveries for \(repository)" } }
            },
            el("code") { webhook.branch },
            el("div", .class("webhook-delivery")) {
                if let at = webhook.lastDeliveryAt {
                    Format.date(at)
                    if let status = webhook.lastDeliveryStatus { el("div", .class("hint")) { status } }
                } else {
                    "none yet"
                }
            },
            Components.postButton("Delete", action: "\(model.path)/\(webhook.id)/delete", tone: "danger",
                                  confirm: "Delete this webhook? Deliveries to its URL stop deploying at once."),
        ]
    }

    private static func createdCard(_ created: WebhookDTO.Created) -> HTML {
        el("section", .class("card"), .id("webhook-created")) {
            el("h2") { "Your new webhook" }
            el("div", .class("notice notice-warning"), Attr("role", "status")) { "Copy the URL and the secret now: they are not shown again." }
            secretLine("Payload URL", id: "webhook-url", value: created.url)
            secretLine("Secret", id: "webhook-secret", value: created.secret)
            el("p", .class("hint"), .id("webhook-setup")) { created.setup }
        }
    }

    private static func secretLine(_ label: String, id: String, value: String) -> HTML {
        el("div", .class("field")) {
            el("label", .for(id)) { label }
            el("div", .class("copy-line")) {
                el("code", .id(id), .class("record-value")) { value }
                el("button", .type("button"), .class("button button-quiet"), .data("copy", id)) { "Copy" }
            }
        }
    }

    private static func form(_ model: Model) -> HTML {
        el("section", .class("card")) {
            el("h2") { "Add a webhook" }
            el("form", .id("webhook-form"), Attr("method", "post"), Attr("action", model.path), Attr("novalidate", nil)) {
                CSRFField()
                AppFormFields.select(label: "Sent by", name: "provider",
                                     options: WebhookProvider.allCases.map { .init(value: $0.rawValue, label: $0.displayName) },
                                     selected: model.form.provider ?? WebhookProvider.github.rawValue, error: model.errors["provider"])
                Components.field(.init(label: "Repository clone URL", name: "repository_url", value: model.form.repositoryUrl ?? "", error: model.errors["repository_url"],
                                       hint: "The https:// URL git clones, like https://github.com/you/app.git; for a private repository, put a read-only access token in it. Leave it empty for a signed POST that redeploys what was pushed to the platform.",
                                       required: false, attributes: [Attr("maxlength", "500"), Attr("spellcheck", "false"), Attr("autocomplete", "off")]))
                Components.field(.init(label: "Repository name", name: "repository", value: model.form.repository ?? "", error: model.errors["repository"],
                                       hint: "Optional: owner/name as the host shows it; deliveries for any other repository are refused.",
                                       required: false, attributes: [Attr("maxlength", "200"), Attr("spellcheck", "false")]))
                Components.field(.init(label: "Branch", name: "branch", value: model.form.branch ?? "", error: model.errors["branch"],
                                       hint: "Pushes to this branch deploy. Empty: the app's deploy branch, \(model.deployBranch).",
                                       required: false, attributes: [Attr("maxlength", "100"), Attr("spellcheck", "false"), Attr("placeholder", model.deployBranch)]))
                el("button", .type("submit"), .class("button button-primary")) { "Add webhook" }
            }
        }
    }
}
