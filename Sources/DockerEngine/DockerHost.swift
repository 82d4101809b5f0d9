import Foundation

/// Where the Docker engine listens, parsed from a `DOCKER_HOST`-style string.
public struct DockerHost: Sendable, Equatable, CustomStringConvertible {
    public enum Endpoint: Sendable, Equatable {
        case unixSocket(path: String)
        case tcp(host: String, port: Int)
    }

    public static let defaultSocketPath = "/var/run/docker.sock"
    public static let local = DockerHost(endpoint: .unixSocket(path: defaultSocketPath))

    public var endpoint: Endpoint
    /// `nil` means plaintext. Only meaningful for `.tcp`.
    public var tls: DockerTLS?

    public init(endpoint: Endpoint, tls: DockerTLS? = nil) {
        self.endpoint = endpoint
        self.tls = tls
    }

    /// Accepts `unix:///path`, `tcp://host:port`, `http://host:port`, `https://host:port`
    /// and a bare `host:port` (treated as tcp, like the docker CLI does).
    /// `https://` turns TLS on even without `tls`, trusting the system roots.
    public init(parsing raw: String, tls: DockerTLS? = nil) throws {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw DockerError.invalidConfiguration("DOCKER_HOST is empty") }
        let scheme: String
        let rest: Substring
        if let range = text.range(of: "://") {
            scheme = text[..<range.lowerBound].lowercased()
            rest = text[range.upperBound...]
        } else {
            scheme = "tcp"
            rest = Substring(text)
        }
        switch scheme {
        case "unix":
            guard rest.hasPrefix("/"), rest.count > 1 else {
                throw DockerError.invalidConfiguration("unix socket path must be absolute: \(raw)")
            }
            self.init(endpoint: .unixSocket(path: String(rest)), tls: nil)
        case "tcp", "http", "https":
            let useTLS = scheme == "https" || tls != nil
            let (host, port) = try Self.hostAndPort(rest, defaultPort: useTLS ? 2376 : 2375, raw: raw)
            self.init(endpoint: .tcp(host: host, port: port), tls: useTLS ? (tls ?? DockerTLS()) : nil)
        default:
            throw DockerError.invalidConfiguration("unsupported DOCKER_HOST scheme '\(scheme)': \(raw)")
        }
    }

    /// Reads `DOCKER_HOST` (default: the local socket) and, like the docker CLI,
    /// `DOCKER_TLS_VERIFY` + `DOCKER_CERT_PATH` for mutual TLS.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> DockerHost {
        var tls: DockerTLS?
        if let verify = env["DOCKER_TLS_VERIFY"], !verify.isEmpty, verify != "0" {
            let dir = env["DOCKER_CERT_PATH"].flatMap { $0.isEmpty ? nil : $0 }
                ?? (NSHomeDirectory() + "/.docker")
            tls = .directory(dir)
        }
        guard let raw = env["DOCKER_HOST"], !raw.isEmpty else {
            return DockerHost(endpoint: .unixSocket(path: defaultSocketPath))
        }
        return try DockerHost(parsing: raw, tls: tls)
    }

    public var description: String {
        switch endpoint {
        case .unixSocket(let path): return "unix://\(path)"
        case .tcp(let host, let port):
            return "\(tls == nil ? "tcp" : "https")://\(Self.bracketed(host)):\(port)"
        }
    }

    /// Absolute URL for a request target such as `/v1.41/info`.
    func url(for target: String) -> String? {
        switch endpoint {
        case .unixSocket(let path):
            return URL(httpURLWithSocketPath: path, uri: target)?.absoluteString
        case .tcp(let host, let port):
            return "\(tls == nil ? "http" : "https")://\(Self.bracketed(host)):\(port)\(target)"
        }
    }

    private static func bracketed(_ host: String) -> String {
        host.contains(":") ? "[\(host)]" : host
    }

    private static func hostAndPort(_ text: Substring, defaultPort: Int, raw: String) throws -> (String, Int) {
        var authority = text
        if let slash = authority.firstIndex(of: "/") {
            // A base path is legal for some proxies but nothing here uses one.
            guard authority[slash...].allSatisfy({ $0 == "/" }) else {
                throw DockerError.invalidConfiguration("DOCKER_HOST must not carry a path: \(raw)")
            }
            authority = authority[..<slash]
        }
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw DockerError.invalidConfiguration("unclosed IPv6 bracket: \(raw)")
            }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty {
                throw DockerError.invalidConfiguration("bad address: \(raw)")
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        guard !host.isEmpty else { throw DockerError.invalidConfiguration("missing host: \(raw)") }
        guard let portText else { return (String(host), defaultPort) }
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw DockerError.invalidConfiguration("bad port '\(portText)': \(raw)")
        }
        return (String(host), port)
    }
}
