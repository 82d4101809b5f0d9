import Foundation
import NIOCore

/// Engine-wide calls: version, info, ping and the event stream.
public struct SystemAPI: Sendable {
    let client: DockerClient

    /// Asked on the unversioned path: it is how the version gets negotiated.
    public func version() async throws -> SystemVersion {
        var request = DockerRequest(.GET, "/version")
        request.versioned = false
        request.timeout = .seconds(15)
        return try await client.json(request)
    }

    public func info() async throws -> SystemInfo {
        try await client.json(DockerRequest(.GET, "/info"))
    }

    /// `OK` when the engine is up. Unversioned, so it works before negotiation.
    @discardableResult
    public func ping() async throws -> String {
        var request = DockerRequest(.GET, "/_ping")
        request.versioned = false
        request.timeout = .seconds(15)
        let response = try await client.execute(request)
        return String(decoding: try await DockerClient.collect(response, limit: 64 * 1024), as: UTF8.self)
    }

    /// Follows engine events until the consumer stops iterating. Without
    /// `until` the stream never ends by itself.
    public func events(
        filters: DockerFilters = DockerFilters(),
        since: Date? = nil,
        until: Date? = nil
    ) async throws -> AsyncThrowingStream<DockerEvent, any Error> {
        let request = DockerRequest(.GET, "/events", query: [
            ("since", since.map { Self.unixTime($0) }),
            ("until", until.map { Self.unixTime($0) }),
            ("filters", filters.queryValue),
        ])
        return try await client.stream(request, decoder: JSONLineDecoder<DockerEvent>())
    }

    /// Seconds with a fraction, the form `since`/`until` accept.
    static func unixTime(_ date: Date) -> String {
        String(format: "%.9f", date.timeIntervalSince1970)
    }
}
