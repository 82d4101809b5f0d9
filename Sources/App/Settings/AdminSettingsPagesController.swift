import Vapor

/// `/admin/settings`: default hostnames, their HTTPS, and the ACME account of the ingresses.
struct AdminSettingsPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let settings = routes.grouped("admin", "settings").grouped(RequireSignIn(adminOnly: true, redirectToLogin: true))
        settings.get(use: show)
        settings.post(use: save)
    }

    /// The form as posted: an unticked checkbox sends nothing.
    struct Form: Content {
        var domainTemplate: String?
        var defaultDomainHttps: String?
        var acmeEmail: String?
        var acmeCaUrl: String?

        // Form fields are not JSON: the snake_case decoding strategy does not apply to them.
        enum CodingKeys: String, CodingKey {
            case domainTemplate = "domain_template", defaultDomainHttps = "default_domain_https", acmeEmail = "acme_email", acmeCaUrl = "acme_ca_url"
        }

        var update: PlatformSettings.Update {
            .init(domainTemplate: domainTemplate ?? "", defaultDomainHttps: defaultDomainHttps == "on", acmeEmail: acmeEmail ?? "", acmeCaUrl: acmeCaUrl ?? "")
        }
    }

    @Sendable func show(req: Request) async throws -> Response {
        let settings = try await PlatformSettingsService(req: req).current()
        return SettingsViews.page(model(req, settings: settings, form: Form(settings))).response(for: req)
    }

    @Sendable func save(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        do {
            let (_, saved, note) = try await PlatformSettingsService(req: req).update(form.update)
            return req.redirect(to: "/admin/settings", flash: note == nil ? .success : .error, note ?? saved)
        } catch let error as AppError where error.status != .internalServerError {
            var page = SettingsViews.page(model(req, settings: try await PlatformSettingsService(req: req).current(), form: form,
                                                errors: [error.field ?? "form": error.message]))
            page.status = error.status
            return page.response(for: req)
        }
    }

    private func model(_ req: Request, settings: PlatformSettings, form: Form, errors: [String: String] = [:]) -> SettingsViews.Model {
        SettingsViews.Model(settings: settings, form: form, errors: errors,
                            resolver: req.application.config.dnsResolver ?? DNSResolver.systemNameserver().map { "\($0) (from /etc/resolv.conf)" } ?? "none found")
    }
}

extension AdminSettingsPagesController.Form {
    init(_ settings: PlatformSettings) {
        self.init(domainTemplate: settings.domainTemplate, defaultDomainHttps: settings.defaultDomainHttps ? "on" : nil,
                  acmeEmail: settings.acmeEmail, acmeCaUrl: settings.acmeCaUrl)
    }
}
