import Fluent
import Foundation

/// An app's default hostname: the admin's template (`{app}.paas.{ipv4}.sslip.io` unless changed)
/// filled in with the app's name and its location's ingress address.
enum DefaultDomain {
    static func hostname(app name: String, location: Location, settings: PlatformSettings, on db: any Database) async throws -> String {
        let ingress = try await LocationIngress.of(location, on: db)
        return settings.template.hostname(app: name, ipv4: ingress.primaryAddress, location: location.slug)
    }

    /// Suffixes no client may claim a custom domain under: every location's default-domain suffix.
    static func reservedSuffixes(settings: PlatformSettings, on db: any Database) async throws -> [String] {
        var suffixes: [String] = []
        for location in try await Location.query(on: db).all() {
            let ingress = try await LocationIngress.of(location, on: db)
            for address in ingress.addresses.isEmpty ? [ingress.primaryAddress] : ingress.addresses {
                suffixes.append(settings.template.suffix(ipv4: address, location: location.slug))
            }
        }
        return suffixes
    }
}
