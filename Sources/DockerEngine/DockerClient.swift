import AsyncHTTPClient
import NIOCore

/// A typed client for one Docker engine.
///
///     let docker = try await DockerClient.connect(host: .fromEnvironment())
///     let id = try await docker.services.create(spec).id
///     ...
///     try await docker.shutdown()   // or use DockerClient.withConnection
///
/// The client owns an `HTTPClient`, so it must be shut down (or used through
/// `withConnection`). The API version is negotiated on first use and cached,
/// so a client made while the engine is down starts working once it is up.
public final class DockerClient: Sendable {
    public let host: DockerHost
    public let maxAPIVersion: DockerAPIVersion
    let http: HTTPClient
    private let negotiated = LockedValue<DockerAPIVersion?>(nil)

    /// Creates the client without contacting the engine. Throws only for bad TLS material.
    public init(host: DockerHost = .local, maxAPIVersion: DockerAPIVersion = .newestKnown) throws {
        var config = HTTPClient.Configuration()
        // No read timeout: log and event streams stay idle for as long as they like.
        config.timeout = .init(connect: .seconds(5), read: nil)
        // Every followed log or event stream pins a connection; the default of 8
        // would starve ordinary calls as soon as a few tails are open.
        config.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 256)
        // A refused connection or a missing socket is definitive: fail at once
        // so callers can answer 503, rather than retrying until the timeout.
        // Jobs that talk to nodes retry at their own level.
        config.connectionPool.retryConnectionEstablishment = false
        config.redirectConfiguration = .disallow
        config.decompression = .disabled
        config.httpVersion = .http1Only
        if case .tcp = host.endpoint, let tls = host.tls {
            config.tlsConfiguration = try tls.makeConfiguration()
        }
        self.host = host
        self.maxAPIVersion = maxAPIVersion
        self.http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
    }

    /// Creates a client and negotiates the API version now, so an unreachable
    /// engine is reported here. The client is shut down again when this throws.
    public static func connect(
        host: DockerHost = .local,
        maxAPIVersion: DockerAPIVersion = .newestKnown
    ) async throws -> DockerClient {
        let client = try DockerClient(host: host, maxAPIVersion: maxAPIVersion)
        do {
            _ = try await client.apiVersion()
            return client
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// Runs `body` with a connected client and always shuts it down afterwards.
    public static func withConnection<Result>(
        host: DockerHost = .local,
        maxAPIVersion: DockerAPIVersion = .newestKnown,
        _ body: (DockerClient) async throws -> Result
    ) async throws -> Result {
        let client = try await connect(host: host, maxAPIVersion: maxAPIVersion)
        let result: Result
        do {
            result = try await body(client)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        return result
    }

    public func shutdown() async throws {
        try await http.shutdown()
    }

    /// The version used in request paths: the daemon's, capped at `maxAPIVersion`.
    public func apiVersion() async throws -> DockerAPIVersion {
        if let known = negotiated.get() { return known }
        let daemon = try await system.version()
        guard let version = DockerAPIVersion(daemon.apiVersion) else {
            throw DockerError.invalidResponse("daemon reported API version '\(daemon.apiVersion)'")
        }
        let chosen = DockerAPIVersion.negotiate(daemon: version, client: maxAPIVersion)
        negotiated.set(chosen)
        return chosen
    }

    public var system: SystemAPI { SystemAPI(client: self) }
    public var swarm: SwarmAPI { SwarmAPI(client: self) }
    public var nodes: NodesAPI { NodesAPI(client: self) }
    public var services: ServicesAPI { ServicesAPI(client: self) }
    public var tasks: TasksAPI { TasksAPI(client: self) }
    public var networks: NetworksAPI { NetworksAPI(client: self) }
    public var secrets: SecretsAPI { SecretsAPI(client: self) }
    public var images: ImagesAPI { ImagesAPI(client: self) }
    public var containers: ContainersAPI { ContainersAPI(client: self) }
}
