/// The part of Traefik's dynamic configuration the platform writes, in the JSON shape its HTTP
/// provider reads (the same as the file provider's). Optional fields stay out of the JSON.
public struct TraefikDynamicConfig: Codable, Equatable, Sendable {
    public var http: HTTPSection

    public struct HTTPSection: Codable, Equatable, Sendable {
        public var routers: [String: Router] = [:]
        public var services: [String: Service] = [:]
        public var middlewares: [String: Middleware] = [:]

        public var isEmpty: Bool { routers.isEmpty && services.isEmpty && middlewares.isEmpty }

        enum CodingKeys: String, CodingKey { case routers, services, middlewares }

        init() {}

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            routers = try c.decodeIfPresent([String: Router].self, forKey: .routers) ?? [:]
            services = try c.decodeIfPresent([String: Service].self, forKey: .services) ?? [:]
            middlewares = try c.decodeIfPresent([String: Middleware].self, forKey: .middlewares) ?? [:]
        }

        /// Traefik refuses an empty map ("cannot be a standalone element"), so empty ones stay out.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            if !routers.isEmpty { try c.encode(routers, forKey: .routers) }
            if !services.isEmpty { try c.encode(services, forKey: .services) }
            if !middlewares.isEmpty { try c.encode(middlewares, forKey: .middlewares) }
        }
    }

    enum CodingKeys: String, CodingKey { case http }

    public init(http: HTTPSection) { self.http = http }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        http = try c.decodeIfPresent(HTTPSection.self, forKey: .http) ?? HTTPSection()
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if !http.isEmpty { try c.encode(http, forKey: .http) }
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
        public var retry: Retry?

        public init(redirectScheme: RedirectScheme? = nil, replacePath: ReplacePath? = nil, retry: Retry? = nil) {
            self.redirectScheme = redirectScheme
            self.replacePath = replacePath
            self.retry = retry
        }
    }

    /// Traefik retries a request on another server when the connection to one fails before any
    /// response was written, e.g. a task that is just stopping.
    public struct Retry: Codable, Equatable, Sendable {
        public var attempts: Int
        public var initialInterval: String
        public init(attempts: Int, initialInterval: String) {
            self.attempts = attempts
            self.initialInterval = initialInterval
        }
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
