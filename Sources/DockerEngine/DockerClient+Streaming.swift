import AsyncHTTPClient
import NIOCore

extension DockerClient {
    /// Starts a streaming call and hands back its values as they arrive.
    ///
    /// The request itself is awaited here, so a missing object or an
    /// unreachable engine throws from this call, not from the first `next()`.
    /// Dropping or cancelling the consumer cancels the pump task, which closes
    /// the HTTP connection: that is how a followed log or event stream stops.
    /// `failure` marks a value that reports an error in-band (build and push
    /// send those with status 200); it is yielded and then thrown.
    func stream<D: ChunkDecoder>(
        _ request: DockerRequest,
        decoder: D,
        failure: (@Sendable (D.Output) -> String?)? = nil
    ) async throws -> AsyncThrowingStream<D.Output, any Error> {
        var request = request
        request.timeout = nil
        let response = try await execute(request)
        let (stream, continuation) = AsyncThrowingStream<D.Output, any Error>.makeStream()
        let pump = Task {
            var decoder = decoder
            do {
                for try await chunk in response.body {
                    for value in try decoder.feed(chunk) {
                        continuation.yield(value)
                        if let message = failure?(value) { throw DockerError.stream(message) }
                    }
                }
                for value in try decoder.finish() {
                    continuation.yield(value)
                    if let message = failure?(value) { throw DockerError.stream(message) }
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: Self.transportError(error))
            }
        }
        continuation.onTermination = { _ in pump.cancel() }
        return stream
    }
}
