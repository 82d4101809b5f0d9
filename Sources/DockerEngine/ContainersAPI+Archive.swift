import Foundation
import NIOCore

/// Files into and out of a container as tar archives: how a build container gets the pushed tree
/// and gives back the compiled app and its cache, with no bind mount of the host.
extension ContainersAPI {
    /// Extracts `tar` into the directory `path`, which must exist in the container.
    public func putArchive(_ id: String, path: String, tar: [UInt8]) async throws {
        var request = DockerRequest(.PUT, "/containers/\(DockerRequest.segment(id))/archive", query: [("path", path)])
        request.body = .bytes(ByteBuffer(bytes: tar))
        request.headers.append(("Content-Type", "application/x-tar"))
        request.timeout = .seconds(600)
        try await client.send(request)
    }

    /// `path` as a tar whose entries start with its last component (`/app` → `app/...`).
    public func getArchive(_ id: String, path: String, limit: Int = 2 << 30) async throws -> [UInt8] {
        var request = DockerRequest(.GET, "/containers/\(DockerRequest.segment(id))/archive", query: [("path", path)])
        request.timeout = .seconds(600)
        let response = try await client.execute(request)
        return try await DockerClient.collect(response, limit: limit)
    }
}
