import Testing
import PaaSCore

@Suite("Default domain template")
struct DomainTemplateTests {
    @Test("The standard template gives <app>.paas.<ipv4>.sslip.io, and its suffix is what the platform reserves")
    func standard() {
        let template = DomainTemplate.standard
        #expect(template.hostname(app: "shop", ipv4: "203.0.113.10", location: "fra-1") == "shop.paas.203.0.113.10.sslip.io")
        #expect(template.suffix(ipv4: "203.0.113.10", location: "fra-1") == "paas.203.0.113.10.sslip.io")
    }

    @Test("An admin's wildcard domain, with the location filled in")
    func custom() throws {
        let template = try DomainTemplate(validating: "  {app}.{location}.Apps.Example.com ")
        #expect(template.pattern == "{app}.{location}.apps.example.com")
        #expect(template.hostname(app: "shop", ipv4: "203.0.113.10", location: "fra-1") == "shop.fra-1.apps.example.com")
    }

    @Test("Templates that would not give one hostname per app are refused with a reason", arguments: [
        ("paas.{ipv4}.sslip.io", "starts with {app}."), ("{app}", "starts with {app}."), ("{app}.com", "at least two labels"),
        ("{app}.{app}.example.com", "once"), ("{app}.{region}.example.com", "Only {app}"), ("{app}.exa mple.com", "letters, digits"),
        ("{app}.-bad.example.com", "inner hyphens"), ("{app}..example.com", "at least two labels"),
    ])
    func refused(raw: String, reason: String) {
        #expect(throws: ValidationFailure.self) { try DomainTemplate(validating: raw) }
        do { _ = try DomainTemplate(validating: raw) } catch {
            #expect(error.field == "domain_template")
            #expect(error.message.contains(reason), "\(raw): \(error.message)")
        }
    }
}
