import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One Engine API call before it is turned into an HTTP request.
struct DockerRequest: Sendable {
    var method: HTTPMethod
    var path: String
    var query: [(String, String)] = []
    var headers: [(String, String)] = []
    var body: HTTPClientRequest.Body?
    /// `/version` and `/_ping` are asked before a version is known.
    var versioned = true
    /// `nil` for calls that stream or long-poll for as long as the caller wants.
    var timeout: TimeAmount? = .seconds(120)

    init(_ method: HTTPMethod, _ path: String, query: [(String, String?)] = []) {
        self.method = method
        self.path = path
        self.query = query.compactMap { key, value in value.map { (key, $0) } }
    }

    mutating func jsonBody(_ value: some Encodable) throws {
        let data = try DockerJSON.encoder.encode(value)
        body = .bytes(ByteBuffer(bytes: data))
        headers.append(("Content-Type", "application/json"))
    }

    /// The request target, e.g. `/v1.41/services?filters=%7B%7D`.
    func target(version: DockerAPIVersion?) -> String {
        var target = version.map { "/v\($0)" } ?? ""
        target += path
        if !query.isEmpty {
            target += "?" + query.map { "\(Self.escape($0))=\(Self.escape($1))" }.joined(separator: "&")
        }
        return target
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// Escapes one path segment but keeps `/` and `:`, which image references
    /// contain and the engine's router expects literally (`/images/a/b:1/json`).
    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved.union(CharacterSet(charactersIn: "/:@"))) ?? text
    }
}
