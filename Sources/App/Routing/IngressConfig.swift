import Foundation
import Vapor

/// How the platform runs Traefik, the ingress of a location. Read from the environment; the
/// ports are configurable so tests can use free ones on 127.0.0.1.
struct IngressConfig: Sendable, Equatable {
    var image: String
    var httpPort: Int
    var httpsPort: Int
    /// The host address the ports are published on.
    var bindAddress: String
    /// How Traefik reaches the control plane; nil means the Docker bridge gateway and `PORT`.
    var internalURL: String?
    var acmeEmail: String
    var acmeCAServer: String
    /// The CA that signs the ACME server's own TLS certificate (pebble in tests), on this host.
    var acmeCACertificate: String?
    var dataDirectory: String

    static let defaultCAServer = "https://acme-v02.api.letsencrypt.org/directory"

    static func fromEnvironment(_ config: AppConfig, _ env: [String: String] = ProcessInfo.processInfo.environment) -> IngressConfig {
        func value(_ key: String) -> String? { env[key].flatMap { $0.isEmpty ? nil : $0 } }
        return IngressConfig(
            image: value("PAAS_TRAEFIK_IMAGE") ?? "traefik:v3.7",
            httpPort: value("PAAS_INGRESS_HTTP_PORT").flatMap(Int.init) ?? 80,
            httpsPort: value("PAAS_INGRESS_HTTPS_PORT").flatMap(Int.init) ?? 443,
            bindAddress: value("PAAS_INGRESS_BIND") ?? "0.0.0.0",
            internalURL: value("PAAS_INTERNAL_URL"),
            acmeEmail: value("PAAS_ACME_EMAIL") ?? config.adminEmail ?? "admin@example.com",
            acmeCAServer: value("PAAS_ACME_CA_URL") ?? defaultCAServer,
            acmeCACertificate: value("PAAS_ACME_CA_CERT"),
            dataDirectory: config.dataDirectory)
    }

    /// The ACME account an admin set on the settings page wins over the environment.
    func with(_ settings: PlatformSettings) -> IngressConfig {
        var config = self
        config.acmeEmail = settings.acmeEmail
        config.acmeCAServer = settings.acmeCaUrl
        return config
    }
}
