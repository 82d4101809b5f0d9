import Foundation

/// Credentials for a registry, sent in the `X-Registry-Auth` header of push
/// and service create/update. Push insists on the header even without
/// credentials, hence `none` (`{}` → `e30=`).
public struct RegistryAuth: Codable, Sendable, Equatable {
    public var username: String?
    public var password: String?
    public var serverAddress: String?
    public var identityToken: String?

    public static let none = RegistryAuth()

    public init(username: String? = nil, password: String? = nil, serverAddress: String? = nil, identityToken: String? = nil) {
        self.username = username
        self.password = password
        self.serverAddress = serverAddress
        self.identityToken = identityToken
    }

    enum CodingKeys: String, CodingKey {
        case username, password
        case serverAddress = "serveraddress"
        case identityToken = "identitytoken"
    }

    /// URL-safe base64 of the JSON, which is what the engine decodes.
    public var headerValue: String {
        let data = (try? DockerJSON.encoder.encode(self)) ?? Data("{}".utf8)
        return data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
    }
}
