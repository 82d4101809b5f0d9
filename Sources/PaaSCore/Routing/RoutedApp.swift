/// What the routing table needs to know about one app: its hostnames, and either the addresses
/// of its healthy running tasks or why it has none.
public struct RoutedApp: Sendable, Equatable {
    /// Why an app without backends answers with a status page instead.
    public enum Idle: String, Sendable {
        case deploying
        case stopped = "no-processes"
        case suspended
    }

    public struct Host: Sendable, Equatable {
        public var hostname: String
        /// An HTTPS router that asks the ACME resolver for a certificate.
        public var tls: Bool
        /// The certificate is active, so plain HTTP is redirected to HTTPS.
        public var redirectToHTTPS: Bool

        public init(hostname: String, tls: Bool = false, redirectToHTTPS: Bool = false) {
            self.hostname = hostname
            self.tls = tls
            self.redirectToHTTPS = redirectToHTTPS
        }
    }

    public var id: String
    public var name: String
    public var hosts: [Host]
    /// `http://<task ip>:<port>` of healthy running tasks; empty sends traffic to the status page.
    public var backends: [String]
    public var idle: Idle

    public init(id: String, name: String, hosts: [Host], backends: [String], idle: Idle = .deploying) {
        self.id = id
        self.name = name
        self.hosts = hosts
        self.backends = backends
        self.idle = idle
    }
}
