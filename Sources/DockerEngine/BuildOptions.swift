/// Query options of `POST /build`.
public struct BuildOptions: Sendable, Equatable {
    /// `name:tag` references to give the result.
    public var tags: [String]
    /// Path of the Dockerfile inside the context.
    public var dockerfile: String?
    public var buildArgs: [String: String]?
    public var labels: [String: String]?
    public var target: String?
    public var noCache: Bool
    /// Try to pull newer base images; off because nothing can be pulled here.
    public var pull: Bool
    /// Remove intermediate containers, even after a failure.
    public var forceRemove: Bool
    /// Network for RUN steps (`none`, `bridge`, or a network name).
    public var networkMode: String?
    public var memoryBytes: Int64?
    /// CPU quota per 100 ms period, in microseconds (`100_000` = one CPU).
    public var cpuQuota: Int64?
    /// Credentials for base images, keyed by registry host (`X-Registry-Config`).
    public var registryConfig: [String: RegistryAuth]?
    /// The cgroup the RUN steps' containers are put under.
    public var cgroupParent: String?

    public init(
        tags: [String] = [],
        dockerfile: String? = nil,
        buildArgs: [String: String]? = nil,
        labels: [String: String]? = nil,
        target: String? = nil,
        noCache: Bool = false,
        pull: Bool = false,
        forceRemove: Bool = true,
        networkMode: String? = nil,
        memoryBytes: Int64? = nil,
        cpuQuota: Int64? = nil,
        registryConfig: [String: RegistryAuth]? = nil,
        cgroupParent: String? = nil
    ) {
        self.tags = tags
        self.dockerfile = dockerfile
        self.buildArgs = buildArgs
        self.labels = labels
        self.target = target
        self.noCache = noCache
        self.pull = pull
        self.forceRemove = forceRemove
        self.networkMode = networkMode
        self.memoryBytes = memoryBytes
        self.cpuQuota = cpuQuota
        self.registryConfig = registryConfig
        self.cgroupParent = cgroupParent
    }

    var query: [(String, String?)] {
        var items: [(String, String?)] = tags.map { ("t", $0) }
        items += [
            ("dockerfile", dockerfile),
            ("buildargs", buildArgs.flatMap(Self.json)),
            ("labels", labels.flatMap(Self.json)),
            ("target", target),
            ("nocache", noCache ? "1" : nil),
            ("pull", pull ? "1" : nil),
            ("rm", "1"),
            ("forcerm", forceRemove ? "1" : nil),
            ("networkmode", networkMode),
            ("memory", memoryBytes.map(String.init)),
            ("cpuquota", cpuQuota.map(String.init)),
            ("cgroupparent", cgroupParent),
        ]
        return items
    }

    private static func json(_ map: [String: String]) -> String? {
        (try? DockerJSON.encoder.encode(map)).map { String(decoding: $0, as: UTF8.self) }
    }
}
