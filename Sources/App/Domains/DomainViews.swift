import Foundation
import PaaSCore

/// An app's domains page. Handlers build the model; this only renders it.
enum DomainViews {
    struct Model {
        let appID: String
        let appName: String
        let domains: [DomainDTO]
        let form: DomainsPagesController.AddForm
        let errors: [String: String]

        var path: String { "/apps/\(appID)/domains" }
    }

    static func page(_ model: Model) -> Page {
        Page(title: "Domains · \(model.appName)") {
            Components.pageHeader("Domains of \(model.appName)", subtitle: "Where visitors reach the app: its default hostname and the domains you bring.") {
                el("a", .class("button button-quiet"), .href("/apps/\(model.appID)")) { "Back to the app" }
            }
            if let error = model.errors["form"] { el("div", .id("page-error"), .class("flash flash-error"), Attr("role", "alert")) { error } }
            for domain in model.domains where domain.default { defaultCard(domain) }
            let custom = model.domains.filter { !$0.default }
            if custom.isEmpty {
                Components.emptyState("No custom domains yet", "Add a domain you own below. You will prove ownership with a TXT record, point it here, and it gets a free certificate.")
            }
            for domain in custom { card(domain, model) }
            addForm(model)
        }
    }

    private static func defaultCard(_ domain: DomainDTO) -> HTML {
        el("section", .class("card"), .id("default-domain")) {
            el("h2") { "Default hostname" }
            el("p") { el("a", .href("http://\(domain.hostname)"), Attr("rel", "noopener")) { "http://\(domain.hostname)" } }
            el("p") { "HTTPS: "; certificate(domain.certificate) }
            if let problem = domain.lastError { el("p", .class("hint")) { problem } }
        }
    }

    private static func card(_ domain: DomainDTO, _ model: Model) -> HTML {
        el("section", .class("card domain"), .id("domain-\(domain.id)"), .data("status", domain.status)) {
            el("div", .class("page-header")) {
                el("div") {
                    el("h2") { domain.hostname; " "; Components.badge(domain.status.replacingOccurrences(of: "_", with: " "), tone: tone(domain.status)) }
                    el("p", .class("muted")) { domain.statusExplanation }
                }
                el("div", .class("page-actions")) {
                    Components.postButton("Verify", action: "\(model.path)/\(domain.id)/verify")
                    Components.postButton("Remove", action: "\(model.path)/\(domain.id)/delete", tone: "danger",
                                          confirm: "Remove \(domain.hostname)? It stops reaching \(model.appName) at once.")
                }
            }
            if let problem = domain.lastError {
                el("div", .class("notice notice-warning"), .id("domain-\(domain.id)-problem"), Attr("role", "status")) { problem }
            }
            records(domain)
            el("p", .class("hint")) {
                "Certificate: "; certificate(domain.certificate)
                " · Last checked: \(domain.lastCheckedAt.map(Format.date) ?? "not yet")"
                if let lapse = domain.claimExpiresAt { " · Unproven claims lapse at \(Format.date(lapse))" }
            }
        }
    }

    private static func records(_ domain: DomainDTO) -> HTML {
        // The purpose sits under the name so the value and its Copy button fit without scrolling.
        el("div", .class("dns-records")) {
            Components.table(id: "records-\(domain.id)", headers: ["Type", "Name", "Value", ""], rows: domain.dnsRecords.enumerated().map { index, record in
                let valueID = "record-\(domain.id)-\(index)"
                return [el("code") { record.type }, el("div") { el("code") { record.name }; el("div", .class("hint")) { record.purpose } },
                        el("code", .id(valueID), .class("record-value")) { record.value },
                        el("button", .type("button"), .class("button button-quiet"), .data("copy", valueID)) { "Copy" }]
            })
        }
    }

    private static func certificate(_ certificate: DomainDTO.Certificate) -> HTML {
        let label = switch certificate.status {
        case "active": "valid"
        case "expiring": "expiring soon"
        case "pending": "requested"
        case "failed": "not issued"
        default: "not requested yet"
        }
        return el("span", .class("certificate"), .data("certificate", certificate.status)) {
            Components.badge(label, tone: tone(certificate.status))
            if let expires = certificate.expiresAt { " until \(Format.date(expires))" }
            if let issuer = certificate.issuer { ", issued by \(issuer)" }
        }
    }

    private static func addForm(_ model: Model) -> HTML {
        el("section", .class("card")) {
            el("h2") { "Add a domain" }
            el("form", .id("domain-form"), Attr("method", "post"), Attr("action", model.path), Attr("novalidate", nil)) {
                CSRFField()
                Components.field(.init(label: "Hostname", name: "hostname", value: model.form.hostname ?? "", error: model.errors["hostname"],
                                       hint: "A domain or subdomain you own, like www.example.com. Internationalised names are fine.",
                                       attributes: [Attr("maxlength", "253"), Attr("spellcheck", "false"), Attr("autocomplete", "off")]))
                el("button", .type("submit"), .class("button button-primary")) { "Add domain" }
            }
        }
    }

    static func tone(_ status: String) -> String {
        switch status {
        case "active": "success"
        case "failed": "danger"
        case "expiring", "verified": "warning"
        case "pending_dns", "cert_pending", "pending": "info"
        default: "neutral"
        }
    }
}
