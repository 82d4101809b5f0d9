import Fluent
import Foundation
import PaaSCore
import Vapor

/// What an admin sets on the platform settings page: how default hostnames are made, whether
/// they get HTTPS, and the ACME account the ingresses use. Stored in `paas_settings`; a key
/// never set falls back to the environment (`PAAS_DOMAIN_TEMPLATE`, `PAAS_ACME_EMAIL`,
/// `PAAS_ACME_CA_URL`), so an install configured by environment keeps working.
struct PlatformSettings: Content, Equatable {
    var domainTemplate: String
    var defaultDomainHttps: Bool
    var acmeEmail: String
    var acmeCaUrl: String

    struct Update: Content {
        var domainTemplate: String?
        var defaultDomainHttps: Bool?
        var acmeEmail: String?
        var acmeCaUrl: String?
    }

    private enum Key: String, CaseIterable {
        case domainTemplate = "platform.domain_template"
        case defaultDomainHttps = "platform.default_domain_https"
        case acmeEmail = "platform.acme_email"
        case acmeCaUrl = "platform.acme_ca_url"
    }

    static func defaults(_ config: AppConfig, _ env: [String: String] = ProcessInfo.processInfo.environment) -> PlatformSettings {
        func value(_ key: String) -> String? { env[key].flatMap { $0.isEmpty ? nil : $0 } }
        return PlatformSettings(
            domainTemplate: value("PAAS_DOMAIN_TEMPLATE") ?? DomainTemplate.standard.pattern,
            defaultDomainHttps: value("PAAS_DEFAULT_DOMAIN_HTTPS").map { $0 != "0" && $0 != "false" } ?? true,
            acmeEmail: value("PAAS_ACME_EMAIL") ?? config.adminEmail ?? "admin@example.com",
            acmeCaUrl: value("PAAS_ACME_CA_URL") ?? IngressConfig.defaultCAServer)
    }

    static func load(on db: any Database, config: AppConfig) async throws -> PlatformSettings {
        var settings = defaults(config)
        let stored = try await PlatformSetting.all(prefix: "platform.", on: db)
        if let v = stored[Key.domainTemplate.rawValue] { settings.domainTemplate = v }
        if let v = stored[Key.defaultDomainHttps.rawValue] { settings.defaultDomainHttps = v == "true" }
        if let v = stored[Key.acmeEmail.rawValue] { settings.acmeEmail = v }
        if let v = stored[Key.acmeCaUrl.rawValue] { settings.acmeCaUrl = v }
        return settings
    }

    /// The template as a value the domain code can use; a stored one was validated when saved.
    var template: DomainTemplate { (try? DomainTemplate(validating: domainTemplate)) ?? .standard }

    /// Validates every field given, before anything is written.
    func applying(_ update: Update) throws -> PlatformSettings {
        var next = self
        do {
            if let raw = update.domainTemplate { next.domainTemplate = try DomainTemplate(validating: raw).pattern }
            if let raw = update.acmeEmail { next.acmeEmail = try EmailAddress.normalize(raw) }
        } catch let failure as ValidationFailure {
            throw AppError.invalid(failure.field == "email" ? "acme_email" : failure.field, failure.message)
        }
        if let raw = update.acmeCaUrl {
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            guard let url = URL(string: trimmed), url.scheme == "https", let host = url.host, !host.isEmpty else {
                throw AppError.invalid("acme_ca_url", "The ACME directory is an https:// URL, like https://acme-v02.api.letsencrypt.org/directory.")
            }
            next.acmeCaUrl = trimmed
        }
        if let https = update.defaultDomainHttps { next.defaultDomainHttps = https }
        return next
    }

    func save(on db: any Database) async throws {
        try await PlatformSetting.set(Key.domainTemplate.rawValue, to: domainTemplate, on: db)
        try await PlatformSetting.set(Key.defaultDomainHttps.rawValue, to: defaultDomainHttps ? "true" : "false", on: db)
        try await PlatformSetting.set(Key.acmeEmail.rawValue, to: acmeEmail, on: db)
        try await PlatformSetting.set(Key.acmeCaUrl.rawValue, to: acmeCaUrl, on: db)
    }
}
