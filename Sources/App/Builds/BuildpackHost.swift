import Foundation
import PaaSCore
#if canImport(Glibc)
import Glibc
#endif

/// Where a tenant's buildpack URL points, checked before the control plane clones it: the
/// control plane sits inside the platform's network, so a URL naming (or resolving to) an internal
/// address would let a tenant probe the registry, the Docker API or cloud metadata through it.
/// The addresses found are handed to git to connect to, so a second lookup cannot swap them.
struct BuildpackHost {
    let host: String
    let port: Int
    let addresses: [String]

    struct Refused: Error {
        let message: String
    }

    /// - Parameters:
    ///   - allowInternal: an operator's own git server on a private network.
    ///   - subject: what the URL is for, in messages ("buildpack", "repository").
    static func resolve(_ url: String, allowInternal: Bool, subject: String = "buildpack") async throws -> BuildpackHost {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host, !host.isEmpty else {
            throw Refused(message: "The \(subject) URL \(BuildpackSource.redacted(url)) has no host.")
        }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        let bare = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        let addresses: [String]
        if IPv4Address.value(bare) != nil || InternalAddress.ipv6(bare) != nil {
            addresses = [bare]
        } else {
            addresses = try await Blocking.run { try lookup(bare, subject: subject) }
        }
        if !allowInternal, let inside = addresses.first(where: InternalAddress.contains) {
            throw Refused(message: "The \(subject) host \(host) is an internal address (\(inside)); the platform fetches git only from public servers.")
        }
        return BuildpackHost(host: bare, port: port, addresses: addresses)
    }

    /// git's `http.curloptResolve` entry pinning the host to the checked addresses.
    var curlResolve: String {
        "\(host):\(port):" + addresses.map { $0.contains(":") ? "[\($0)]" : $0 }.joined(separator: ",")
    }

    /// `git -c` options for a tenant-named http(s) remote: only the schemes its URL was validated
    /// for, no redirects (they could lead to an internal address), a stall bound, and the host
    /// pinned to the addresses just checked.
    var gitOptions: [String] {
        Self.schemeOptions + ["-c", "http.curloptResolve=\(curlResolve)"]
    }

    static let schemeOptions = ["-c", "protocol.allow=never", "-c", "protocol.https.allow=always", "-c", "protocol.http.allow=always",
                                "-c", "http.followRedirects=false", "-c", "http.lowSpeedLimit=1", "-c", "http.lowSpeedTime=30"]

    private static func lookup(_ host: String, subject: String) throws -> [String] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &result)
        guard status == 0, let first = result else {
            throw Refused(message: "The \(subject) host \(host) could not be found in DNS.")
        }
        defer { freeaddrinfo(first) }
        var found: [String] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if let address = entry.pointee.ai_addr,
               getnameinfo(address, entry.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 {
                let text = String(cString: buffer)
                if !found.contains(text) { found.append(text) }
            }
            cursor = entry.pointee.ai_next
        }
        guard !found.isEmpty else { throw Refused(message: "The \(subject) host \(host) has no address.") }
        return found
    }
}
