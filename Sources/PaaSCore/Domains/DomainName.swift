/// A hostname a client brings for their app, in the ASCII form DNS, Traefik and certificates use.
/// Unicode labels are converted (IDNA, "münchen.de" → "xn--mnchen-3ya.de"); IP addresses, single
/// labels, local names and the platform's own domains are refused, so nobody can claim them.
public enum DomainName {
    /// Suffixes no client may claim: wildcard-DNS services and the platform's default domains.
    public static let reservedSuffixes = ["sslip.io", "nip.io", "localhost", "local", "internal", "invalid", "test", "example"]

    public static func validate(_ raw: String, platformSuffixes: [String] = []) throws(ValidationFailure) -> String {
        var name = raw.trimmingWhitespace().lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        func fail(_ message: String) -> ValidationFailure { ValidationFailure(field: "hostname", message: message) }
        guard !name.isEmpty else { throw fail("Give a hostname, like www.example.com.") }
        guard !name.contains(":"), !name.contains("/"), !name.contains("@") else {
            throw fail("Give only the hostname, like www.example.com: no scheme, port, path or IPv6 address.")
        }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard labels.count >= 2 else { throw fail("A hostname needs at least two labels, like example.com.") }
        var ascii: [String] = []
        for label in labels {
            guard !label.isEmpty else { throw fail("\"\(raw.trimmingWhitespace())\" has an empty label (two dots in a row).") }
            var encoded = label
            if !label.unicodeScalars.allSatisfy(\.isASCII) {
                guard let punycode = Punycode.encode(label) else { throw fail("\"\(label)\" cannot be written as a DNS label.") }
                encoded = "xn--" + punycode
            }
            guard encoded.count <= 63 else { throw fail("Each label has at most 63 characters; \"\(label)\" is longer.") }
            guard encoded.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }),
                  !encoded.hasPrefix("-"), !encoded.hasSuffix("-") else {
                throw fail("\"\(label)\" may contain only letters, digits and inner hyphens.")
            }
            ascii.append(encoded)
        }
        let result = ascii.joined(separator: ".")
        guard result.count <= 253 else { throw fail("A hostname has at most 253 characters.") }
        if ascii.allSatisfy({ $0.allSatisfy(\.isNumber) }) || ascii.last!.allSatisfy(\.isNumber) {
            throw fail("Give a hostname, not an IP address.")
        }
        for suffix in reservedSuffixes + platformSuffixes.map({ $0.lowercased() }) where result == suffix || result.hasSuffix("." + suffix) {
            throw fail("Hostnames under \(suffix) belong to the platform or are not public; use a domain you own.")
        }
        return result
    }
}
