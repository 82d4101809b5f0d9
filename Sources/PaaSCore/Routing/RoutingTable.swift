/// Builds Traefik's dynamic configuration from the apps of one location: one router per hostname
/// and entry point, one load-balanced service per app over its task addresses, and the control
/// plane's status page for apps with nothing running. Pure, so every rule is unit-tested.
public enum RoutingTable {
    public struct Options: Sendable {
        public var webEntryPoint = "web"
        public var secureEntryPoint = "websecure"
        public var certResolver = "le"
        /// Where Traefik reaches the control plane's status pages (`/_paas/status/...`).
        public var statusURL: String

        public init(statusURL: String) { self.statusURL = statusURL }
    }

    public static let redirectMiddleware = "paas-https-redirect"
    public static let retryMiddleware = "paas-retry"
    public static let statusService = "paas-status"
    /// Enough for a request that reached a stopping task to land on a live one; a request that
    /// got any response back is never sent twice.
    public static let retry = TraefikDynamicConfig.Retry(attempts: 3, initialInterval: "50ms")

    public static func config(for apps: [RoutedApp], options: Options) -> TraefikDynamicConfig {
        var http = TraefikDynamicConfig.HTTPSection()
        var needsRedirect = false, needsStatus = false, needsRetry = false
        for app in apps.sorted(by: { $0.id < $1.id }) {
            let service: String
            var middlewares: [String] = []
            if app.backends.isEmpty {
                service = statusService
                needsStatus = true
                let middleware = "paas-status-\(app.id)"
                http.middlewares[middleware] = .init(replacePath: .init(path: "/_paas/status/\(app.idle.rawValue)/\(app.name)"))
                middlewares = [middleware]
            } else {
                service = "app-\(app.id)"
                middlewares = [retryMiddleware]
                needsRetry = true
                let servers = Set(app.backends).sorted().map(TraefikDynamicConfig.Server.init(url:))
                http.services[service] = .init(loadBalancer: .init(servers: servers, passHostHeader: true))
            }
            for host in app.hosts where isRoutable(host.hostname) {
                let key = routerKey(host.hostname)
                let rule = "Host(`\(host.hostname)`)"
                let plain = host.redirectToHTTPS && host.tls ? [redirectMiddleware] : middlewares
                needsRedirect = needsRedirect || (host.redirectToHTTPS && host.tls)
                http.routers["\(key)-http"] = .init(entryPoints: [options.webEntryPoint], rule: rule, service: service,
                                                   middlewares: plain.isEmpty ? nil : plain, tls: nil)
                if host.tls {
                    http.routers["\(key)-https"] = .init(entryPoints: [options.secureEntryPoint], rule: rule, service: service,
                                                        middlewares: middlewares.isEmpty ? nil : middlewares,
                                                        tls: .init(certResolver: options.certResolver))
                }
            }
        }
        if needsRedirect { http.middlewares[redirectMiddleware] = .init(redirectScheme: .init(scheme: "https", permanent: true)) }
        if needsRetry { http.middlewares[retryMiddleware] = .init(retry: retry) }
        if needsStatus { http.services[statusService] = .init(loadBalancer: .init(servers: [.init(url: options.statusURL)], passHostHeader: true)) }
        return TraefikDynamicConfig(http: http)
    }

    /// Router names must be unique and plain: "-" becomes "-h" and "." becomes "-d", so two
    /// hostnames never share a name ("a-b.c" → "host-a-hb-dc", "a.b-c" → "host-a-db-hc").
    static func routerKey(_ hostname: String) -> String {
        "host-" + hostname.map { $0 == "-" ? "-h" : $0 == "." ? "-d" : String($0) }.joined()
    }

    /// Hostnames reach here validated; this is the last guard that nothing can break out of the
    /// backticks of a rule.
    static func isRoutable(_ hostname: String) -> Bool {
        !hostname.isEmpty && hostname.count <= 253 && hostname.allSatisfy { ($0.isASCII && ($0.isLetter && $0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "." }
    }
}
