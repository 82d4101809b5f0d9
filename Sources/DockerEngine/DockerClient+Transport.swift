import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

extension DockerClient {
    /// Sends a request and returns the response once its status is a success;
    /// any other status is read and thrown as a `DockerError`.
    func execute(_ request: DockerRequest) async throws -> HTTPClientResponse {
        let version = request.versioned ? try await apiVersion() : nil
        let target = request.target(version: version)
        guard let url = host.url(for: target) else {
            throw DockerError.invalidConfiguration("cannot form a URL for \(host) \(target)")
        }
        var http = HTTPClientRequest(url: url)
        http.method = request.method
        if case .unixSocket = host.endpoint {
            // AHC sends no Host header over a unix socket and dockerd answers 400 without one.
            http.headers.add(name: "Host", value: "localhost")
        }
        for (name, value) in request.headers {
            http.headers.add(name: name, value: value)
        }
        http.body = request.body
        let deadline: NIODeadline = request.timeout.map { .now() + $0 } ?? .distantFuture

        let response: HTTPClientResponse
        do {
            response = try await self.http.execute(http, deadline: deadline)
        } catch {
            throw Self.transportError(error)
        }
        let status = Int(response.status.code)
        guard (200..<300).contains(status) || status == 304 else {
            let body = try await Self.collect(response, limit: 1 << 20)
            throw DockerError.from(status: status, body: body)
        }
        return response
    }

    func json<T: Decodable>(_ request: DockerRequest, as type: T.Type = T.self) async throws -> T {
        let response = try await execute(request)
        let body = try await Self.collect(response, limit: 64 << 20)
        do {
            return try DockerJSON.decoder.decode(T.self, from: Data(body))
        } catch {
            let sample = String(decoding: body.prefix(300), as: UTF8.self)
            throw DockerError.invalidResponse("\(T.self) from \(request.path): \(error); body: \(sample)")
        }
    }

    /// For calls whose answer carries nothing we need; the body is drained so
    /// the connection can go back to the pool.
    func send(_ request: DockerRequest) async throws {
        let response = try await execute(request)
        _ = try await Self.collect(response, limit: 64 << 20)
    }

    static func collect(_ response: HTTPClientResponse, limit: Int) async throws -> [UInt8] {
        do {
            let buffer = try await response.body.collect(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch is NIOTooManyBytesError {
            throw DockerError.invalidResponse("response body larger than \(limit) bytes")
        } catch {
            throw transportError(error)
        }
    }

    /// Anything that fails below HTTP means the engine cannot be talked to.
    /// Cancellation stays cancellation so callers that stop a stream see no error.
    static func transportError(_ error: any Error) -> any Error {
        if error is DockerError || error is CancellationError { return error }
        if let http = error as? HTTPClientError, http == .cancelled { return CancellationError() }
        if Task.isCancelled { return CancellationError() }
        return DockerError.unreachable(String(describing: error))
    }
}
