import Vapor

extension Application {
    /// The resolver domain checks ask, from `PAAS_DNS_RESOLVER` or /etc/resolv.conf. Read at each
    /// use, so an edited resolv.conf counts without a restart; it is a few bytes to parse.
    func dnsResolver() throws -> DNSResolver {
        do {
            return try DNSResolver.configured(config.dnsResolver, group: eventLoopGroup)
        } catch {
            throw AppError(.internalServerError, code: "dns_resolver_invalid",
                           "PAAS_DNS_RESOLVER must be an IP address with an optional port, like 1.1.1.1 or 127.0.0.1:8053.")
        }
    }
}
