import Vapor

/// The admin's changes to the platform settings: validated as a whole, saved, and handed to the
/// running ingresses, which are recreated with a new ACME account when it changed.
struct PlatformSettingsService {
    let req: Request

    func current() async throws -> PlatformSettings {
        try await PlatformSettings.load(on: req.db, config: req.application.config)
    }

    /// Returns the saved settings, what the change means for a person, and a note when the
    /// ingresses could not be updated right now.
    func update(_ update: PlatformSettings.Update) async throws -> (settings: PlatformSettings, saved: String, note: String?) {
        let before = try await current()
        let after = try before.applying(update)
        try await after.save(on: req.db)
        try await req.audit("settings.update", details: Self.describe(before, after))
        let acmeChanged = before.acmeEmail != after.acmeEmail || before.acmeCaUrl != after.acmeCaUrl
        let saved = (["Settings saved."]
            + (before.domainTemplate != after.domainTemplate ? ["New apps get default hostnames from the new template."] : [])
            + (acmeChanged ? ["The ingresses were restarted with the new ACME account."] : [])).joined(separator: " ")
        guard acmeChanged else { return (after, saved, nil) }
        do {
            try await req.application.ingressManager(logger: req.logger, settings: after).reconcile()
            return (after, saved, nil)
        } catch {
            req.logger.warning("ingress not updated after a settings change: \(error)")
            return (after, saved, "Settings saved, but the ingresses could not be updated right now (\(error)); the periodic pass applies the new ACME account.")
        }
    }

    static func describe(_ before: PlatformSettings, _ after: PlatformSettings) -> String {
        var changes: [String] = []
        if before.domainTemplate != after.domainTemplate { changes.append("domain template \(after.domainTemplate)") }
        if before.defaultDomainHttps != after.defaultDomainHttps { changes.append("default-domain HTTPS \(after.defaultDomainHttps ? "on" : "off")") }
        if before.acmeEmail != after.acmeEmail { changes.append("ACME e-mail \(after.acmeEmail)") }
        if before.acmeCaUrl != after.acmeCaUrl { changes.append("ACME directory \(after.acmeCaUrl)") }
        return changes.isEmpty ? "no change" : changes.joined(separator: ", ")
    }
}
