import Foundation
import NIOCore
import AsyncHTTPClient

/// Images: build from a tar context, tag, push to the platform registry, pull.
public struct ImagesAPI: Sendable {
    let client: DockerClient

    public func inspect(_ reference: String) async throws -> ImageDetails {
        try await client.json(DockerRequest(.GET, "/images/\(DockerRequest.segment(reference))/json"))
    }

    /// Builds from an in-memory tar of the context. The stream yields the
    /// build's progress lines; a failed step ends it with `DockerError.stream`.
    /// The image ID arrives as `aux.id`.
    public func build(context: [UInt8], options: BuildOptions = BuildOptions()) async throws
        -> AsyncThrowingStream<ProgressMessage, any Error>
    {
        try await build(body: .bytes(ByteBuffer(bytes: context)), options: options)
    }

    /// Builds from a tar streamed as it is produced (e.g. `git archive` output),
    /// so large contexts never sit in memory whole.
    public func build<Context: AsyncSequence & Sendable>(
        contextStream: Context,
        options: BuildOptions = BuildOptions()
    ) async throws -> AsyncThrowingStream<ProgressMessage, any Error> where Context.Element == ByteBuffer {
        try await build(body: .stream(contextStream, length: .unknown), options: options)
    }

    private func build(body: HTTPClientRequest.Body, options: BuildOptions) async throws
        -> AsyncThrowingStream<ProgressMessage, any Error>
    {
        var request = DockerRequest(.POST, "/build", query: options.query)
        request.body = body
        request.headers.append(("Content-Type", "application/x-tar"))
        if let config = options.registryConfig {
            let data = try DockerJSON.encoder.encode(config)
            request.headers.append(("X-Registry-Config", data.base64EncodedString()))
        }
        return try await client.stream(request, decoder: JSONLineDecoder<ProgressMessage>(), failure: { $0.errorMessage })
    }

    /// Pushes `registry/name:tag`. The engine requires `X-Registry-Auth` even
    /// for an open registry, so `.none` sends `{}`. A refused or unreachable
    /// registry ends the stream with `DockerError.stream`.
    public func push(_ reference: String, auth: RegistryAuth = .none) async throws
        -> AsyncThrowingStream<ProgressMessage, any Error>
    {
        let (name, tag) = Self.split(reference)
        return try await registryStream(DockerRequest(.POST, "/images/\(DockerRequest.segment(name))/push", query: [("tag", tag)]), auth: auth)
    }

    /// Pulls `name:tag` (the tag defaults to `latest`). An unknown image or an unreachable
    /// registry ends the stream with `DockerError.stream`.
    public func pull(_ reference: String, auth: RegistryAuth = .none) async throws
        -> AsyncThrowingStream<ProgressMessage, any Error>
    {
        let (name, tag) = Self.split(reference)
        return try await registryStream(DockerRequest(.POST, "/images/create", query: [("fromImage", name), ("tag", tag ?? "latest")]), auth: auth)
    }

    /// A request that talks to a registry: the engine wants the credentials header even when
    /// empty, and reports progress, and failure, as JSON lines.
    private func registryStream(_ request: DockerRequest, auth: RegistryAuth) async throws -> AsyncThrowingStream<ProgressMessage, any Error> {
        var request = request
        request.headers.append(("X-Registry-Auth", auth.headerValue))
        return try await client.stream(request, decoder: JSONLineDecoder<ProgressMessage>(), failure: { $0.errorMessage })
    }

    /// Gives `source` the additional name `target` (`repo:tag`).
    public func tag(_ source: String, as target: String) async throws {
        let (repo, tag) = Self.split(target)
        try await client.send(DockerRequest(.POST, "/images/\(DockerRequest.segment(source))/tag",
                                            query: [("repo", repo), ("tag", tag)]))
    }

    public func remove(_ reference: String, force: Bool = false, prune: Bool = true) async throws {
        try await client.send(DockerRequest(.DELETE, "/images/\(DockerRequest.segment(reference))", query: [
            ("force", force ? "1" : nil),
            ("noprune", prune ? nil : "1"),
        ]))
    }

    /// `host:5000/org/app:v3` → (`host:5000/org/app`, `v3`). The colon of a
    /// registry port comes before the last slash, so it is not a tag.
    static func split(_ reference: String) -> (name: String, tag: String?) {
        let lastSlash = reference.lastIndex(of: "/") ?? reference.startIndex
        guard let colon = reference[lastSlash...].lastIndex(of: ":") else { return (reference, nil) }
        return (String(reference[..<colon]), String(reference[reference.index(after: colon)...]))
    }
}
