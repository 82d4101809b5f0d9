import PaaSCore

/// The platform settings page. Handlers build the model; this only renders it.
enum SettingsViews {
    struct Model {
        let settings: PlatformSettings
        let form: AdminSettingsPagesController.Form
        let errors: [String: String]
        /// The DNS server custom-domain checks ask, as configured.
        let resolver: String
    }

    static func page(_ model: Model) -> Page {
        let example = model.settings.template.hostname(app: "shop", ipv4: "203.0.113.10", location: "fra-1")
        return Page(title: "Platform settings") {
            Components.pageHeader("Platform settings", subtitle: "How apps are reached: default hostnames, HTTPS, and the certificate authority.")
            el("section", .class("card")) {
                el("form", .id("settings-form"), Attr("method", "post"), Attr("action", "/admin/settings"), Attr("novalidate", nil)) {
                    CSRFField()
                    if let error = model.errors["form"] { el("div", .class("flash flash-error"), Attr("role", "alert")) { error } }
                    el("h2") { "Default hostnames" }
                    Components.field(.init(label: "Template", name: "domain_template", value: model.form.domainTemplate ?? "", error: model.errors["domain_template"],
                                           hint: "{app} is the app's name, {ipv4} its location's ingress address, {location} the location's slug. Today an app named shop gets \(example). Applies to apps created from now on.",
                                           attributes: [Attr("maxlength", "200"), Attr("spellcheck", "false")]))
                    el("label", .class("checkbox")) {
                        el("input", .type("checkbox"), .name("default_domain_https"), .id("field-default_domain_https"),
                           .when(model.form.defaultDomainHttps == "on", .flag("checked")))
                        " Request HTTPS certificates for default hostnames"
                    }
                    el("p", .class("hint")) {
                        "Best-effort: Let's Encrypt has refused sslip.io names under its rate limits, so HTTP always works and each app shows its certificate status. With a wildcard DNS record for your own domain in the template, every app gets a certificate."
                    }
                    el("h2", .class("form-section")) { "Certificates (ACME)" }
                    el("div", .class("form-row")) {
                        Components.field(.init(label: "Account e-mail", name: "acme_email", type: "email", value: model.form.acmeEmail ?? "", error: model.errors["acme_email"],
                                               hint: "The certificate authority writes here about expiring certificates."))
                        Components.field(.init(label: "ACME directory URL", name: "acme_ca_url", type: "url", value: model.form.acmeCaUrl ?? "", error: model.errors["acme_ca_url"],
                                               hint: "Let's Encrypt: https://acme-v02.api.letsencrypt.org/directory. Changing it restarts the ingresses.",
                                               attributes: [Attr("spellcheck", "false")]))
                    }
                    el("button", .type("submit"), .class("button button-primary")) { "Save settings" }
                }
            }
            el("section", .class("card")) {
                el("h2") { "Custom domain checks" }
                el("p") { "Clients prove they own a domain with a TXT record, which the platform looks up through this DNS resolver: "; el("code", .id("dns-resolver")) { model.resolver } }
                el("p", .class("hint")) { "Set PAAS_DNS_RESOLVER to use another one (an IP address with an optional port)." }
            }
        }
    }
}
