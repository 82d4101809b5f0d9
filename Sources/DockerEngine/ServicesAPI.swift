/// Swarm services: what the platform deploys for each app process.
public struct ServicesAPI: Sendable {
    let client: DockerClient

    /// `registryAuth` is forwarded to the nodes that pull the image.
    public func create(_ spec: ServiceSpec, registryAuth: RegistryAuth? = nil) async throws -> ServiceCreateResponse {
        var request = DockerRequest(.POST, "/services/create")
        try request.jsonBody(spec)
        if let registryAuth { request.headers.append(("X-Registry-Auth", registryAuth.headerValue)) }
        return try await client.json(request)
    }

    public func inspect(_ idOrName: String) async throws -> SwarmService {
        try await client.json(DockerRequest(.GET, "/services/\(DockerRequest.segment(idOrName))"))
    }

    /// `status: true` fills `serviceStatus` with running/desired task counts.
    public func list(filters: DockerFilters = DockerFilters(), status: Bool = false) async throws -> [SwarmService] {
        try await client.json(DockerRequest(.GET, "/services", query: [
            ("filters", filters.queryValue),
            ("status", status ? "true" : nil),
        ]))
    }

    /// Replaces the whole spec. `version` must be the one just read, or the
    /// engine refuses with "update out of sequence" (see `modify`).
    /// Returns the engine's warnings.
    @discardableResult
    public func update(
        _ id: String,
        version: ObjectVersion,
        spec: ServiceSpec,
        registryAuth: RegistryAuth? = nil
    ) async throws -> [String] {
        var request = DockerRequest(.POST, "/services/\(DockerRequest.segment(id))/update",
                                    query: [("version", String(version.index))])
        try request.jsonBody(spec)
        if let registryAuth { request.headers.append(("X-Registry-Auth", registryAuth.headerValue)) }
        struct Answer: Decodable { var Warnings: [String]? }
        return try await client.json(request, as: Answer.self).Warnings ?? []
    }

    /// Reads the service, applies `change` to its spec and writes it back.
    /// When another writer got in between, the read and the change are
    /// repeated, up to `maxAttempts` times. Returns the spec that was written.
    @discardableResult
    public func modify(
        _ idOrName: String,
        maxAttempts: Int = 5,
        registryAuth: RegistryAuth? = nil,
        _ change: (inout ServiceSpec) async throws -> Void
    ) async throws -> ServiceSpec {
        try await OutOfSequenceRetry.run(maxAttempts: maxAttempts) {
            let service = try await inspect(idOrName)
            var spec = service.spec
            try await change(&spec)
            try await update(service.id, version: service.version, spec: spec, registryAuth: registryAuth)
            return spec
        }
    }

    public func remove(_ idOrName: String) async throws {
        try await client.send(DockerRequest(.DELETE, "/services/\(DockerRequest.segment(idOrName))"))
    }

    /// The service's output from all its tasks, demultiplexed into lines.
    /// With `follow` the stream stays open (across task restarts) until the
    /// consumer stops iterating or its task is cancelled.
    public func logs(_ idOrName: String, options: LogOptions = LogOptions()) async throws -> AsyncThrowingStream<LogLine, any Error> {
        let request = DockerRequest(.GET, "/services/\(DockerRequest.segment(idOrName))/logs", query: options.query)
        return try await client.stream(request, decoder: LogLineDecoder(multiplexed: true, timestamps: options.timestamps))
    }
}
