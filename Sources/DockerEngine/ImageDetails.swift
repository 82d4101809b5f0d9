/// `GET /images/{name}/json`, trimmed to what deploys and builds read.
public struct ImageDetails: Decodable, Sendable, Equatable {
    public struct Config: Decodable, Sendable, Equatable {
        public var env: [String]?
        public var cmd: [String]?
        public var entrypoint: [String]?
        public var workingDir: String?
        public var user: String?
        public var labels: [String: String]?
        /// Keys like `"80/tcp"`; the values are always empty objects.
        public var exposedPorts: [String: EmptyObject]?

        enum CodingKeys: String, CodingKey {
            case env = "Env", cmd = "Cmd", entrypoint = "Entrypoint", workingDir = "WorkingDir"
            case user = "User", labels = "Labels", exposedPorts = "ExposedPorts"
        }
    }

    public struct EmptyObject: Decodable, Sendable, Equatable {}

    public var id: String
    public var repoTags: [String]?
    /// `repo@sha256:...` once pushed to or pulled from a registry; releases pin these.
    public var repoDigests: [String]?
    public var created: String?
    public var size: Int64?
    public var config: Config?

    enum CodingKeys: String, CodingKey {
        case id = "Id", repoTags = "RepoTags", repoDigests = "RepoDigests"
        case created = "Created", size = "Size", config = "Config"
    }
}
