/// The part of Traefik's dynamic configuration the platform writes, in the JSON shape its HTTP
/// provider reads (the same as the file provider's). Optional fields stay out of the JSON.
public struct TraefikDynamicConfig: Codable, Equatable, Sendable {
    public var http: HTTPSection

    public struct HTTPSection: Codable, Equatable, Sendable {
        public var routers: [String: Router] = [:]
        public var services: [String: Service] = [:]
        public var middlewares: [String: Middleware] = [:]
    }

    public struct Router: Codable, Equatable, Sendable {
        public var entryPoints: [String]
        public var rule: String
        public var service: String
        public var middlewares: [String]?
        public var tls: TLS?
    }

    public struct TLS: Codable, Equatable, Sendable {
        public var certResolver: String?
    }

    public struct Service: Codable, Equatable, Sendable {
        public var loadBalancer: LoadBalancer
    }

    public struct LoadBalancer: Codable, Equatable, Sendable {
        public var servers: [Server]
        public var passHostHeader: Bool?
    }

    public struct Server: Codable, Equatable, Sendable, Comparable {
        public var url: String
        public init(url: String) { self.url = url }
        public static func < (a: Server, b: Server) -> Bool { a.url < b.url }
    }

    public struct Middleware: Codable, Equatable, Sendable {
        public var redirectScheme: RedirectScheme?
        public var replacePath: ReplacePath?
    }

    public struct RedirectScheme: Codable, Equatable, Sendable {
        public var scheme: String
        public var permanent: Bool
        public init(scheme: String, permanent: Bool) {
            self.scheme = scheme
            self.permanent = permanent
        }
    }

    public struct ReplacePath: Codable, Equatable, Sendable {
        public var path: String
        public init(path: String) { self.path = path }
    }
}
