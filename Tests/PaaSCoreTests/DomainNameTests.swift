import Testing
import PaaSCore

@Suite("Domain names")
struct DomainNameTests {
    @Test("Unicode labels become their IDNA ASCII form", arguments: [
        ("bücher.de", "xn--bcher-kva.de"), ("München.DE.", "xn--mnchen-3ya.de"), ("www.bücher.com", "www.xn--bcher-kva.com"),
        ("日本語.jp", "xn--wgv71a119e.jp"), (" Shop.Example.COM ", "shop.example.com"),
    ])
    func idna(raw: String, expected: String) throws {
        #expect(try DomainName.validate(raw) == expected)
    }

    @Test("Refused with a reason on the hostname field", arguments: [
        ("", "Give a hostname"), ("localhost", "at least two labels"), ("10.0.0.1", "not an IP address"), ("1.2.3.4.5", "not an IP address"),
        ("::1", "no scheme, port, path or IPv6"), ("https://shop.example.com", "no scheme"), ("shop.example.com:8080", "no scheme, port"),
        ("a..b.com", "empty label"), ("-a.example.com", "inner hyphens"), ("a_b.example.com", "inner hyphens"),
        ("app.paas.1.2.3.4.sslip.io", "belong to the platform"), ("x.nip.io", "belong to the platform"), ("printer.local", "not public"),
        ("shop.apps.hoster.net", "belong to the platform"), (String(repeating: "a", count: 64) + ".com", "at most 63"),
    ])
    func refused(raw: String, reason: String) {
        #expect { try DomainName.validate(raw, platformSuffixes: ["apps.hoster.net"]) } throws: { error in
            guard let failure = error as? ValidationFailure else { return false }
            return failure.field == "hostname" && failure.message.contains(reason)
        }
    }
}
