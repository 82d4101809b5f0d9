import Foundation

/// How an app's default hostname is made, from a pattern the admin sets: `{app}` is the app's
/// name, `{ipv4}` the address of its location's ingress and `{location}` the location's slug.
/// The app name is always the first label, so every default hostname of a location shares one
/// suffix: the platform reserves it, and a wildcard DNS record or certificate can cover it.
public struct DomainTemplate: Equatable, Sendable {
    public static let standard = DomainTemplate(trusted: "{app}.paas.{ipv4}.sslip.io")

    public let pattern: String

    private init(trusted pattern: String) { self.pattern = pattern }

    public init(validating raw: String) throws(ValidationFailure) {
        let pattern = raw.trimmingWhitespace().lowercased()
        func fail(_ message: String) -> ValidationFailure { ValidationFailure(field: "domain_template", message: message) }
        guard pattern.hasPrefix("{app}.") else {
            throw fail("The template starts with {app}. followed by a domain, like {app}.paas.{ipv4}.sslip.io or {app}.apps.example.com.")
        }
        let rest = String(pattern.dropFirst("{app}.".count))
        guard !rest.contains("{app}") else { throw fail("{app} appears once, as the first label.") }
        let sample = Self.fill(rest, ipv4: "203.0.113.10", location: "fra-1")
        guard !sample.contains("{"), !sample.contains("}") else {
            throw fail("Only {app}, {ipv4} and {location} can be filled in.")
        }
        let labels = sample.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, sample.count <= 200, labels.allSatisfy(Self.isLabel) else {
            throw fail("After {app}. comes a domain of at least two labels of letters, digits and inner hyphens, like apps.example.com.")
        }
        self.pattern = pattern
    }

    /// The hostname of one app.
    public func hostname(app: String, ipv4: String, location: String) -> String {
        "\(app).\(suffix(ipv4: ipv4, location: location))"
    }

    /// What every default hostname of a location ends with: no client may claim a hostname under it.
    public func suffix(ipv4: String, location: String) -> String {
        Self.fill(String(pattern.dropFirst("{app}.".count)), ipv4: ipv4, location: location)
    }

    private static func fill(_ text: String, ipv4: String, location: String) -> String {
        text.replacingOccurrences(of: "{ipv4}", with: ipv4).replacingOccurrences(of: "{location}", with: location)
    }

    private static func isLabel(_ label: Substring) -> Bool {
        !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
            && label.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
