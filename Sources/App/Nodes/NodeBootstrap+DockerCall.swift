import DockerEngine

extension NodeBootstrap {
    /// Docker's failures as messages a person can act on, for callers outside a bootstrap run.
    static func dockerCall<T>(_ docker: DockerClient, _ what: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DockerError {
            throw describe(error, host: docker.host, doing: what)
        }
    }
}
