import NIOCore
import Vapor

/// Server-Sent Events responses. Every stream needs the same headers (no caching, and no buffering
/// by a proxy in front, or lines arrive in bursts), and the build and install logs share one shape.
enum EventStream {
    static func response(_ body: @escaping @Sendable (any AsyncBodyStreamWriter) async throws -> Void) -> Response {
        let response = Response(status: .ok)
        response.headers.replaceOrAdd(name: .contentType, value: "text/event-stream; charset=utf-8")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-cache")
        response.headers.replaceOrAdd(name: "X-Accel-Buffering", value: "no")
        // Managed: Vapor closes the stream on return or throw.
        response.body = .init(managedAsyncStream: body)
        return response
    }

    /// A log of lines: the live ones while a run goes on (which replay what it printed so far), else
    /// the stored log; then `event: end` with the final status. `finished` is asked once the live
    /// part is over, so what it reads is final.
    static func log(live: AsyncStream<String>?, finished: @escaping @Sendable () async throws -> (stored: String?, status: String)) -> Response {
        response { writer in
            if let live {
                for await line in live { try await writer.write(.buffer(ByteBuffer(string: frame(line)))) }
            }
            let (stored, status) = try await finished()
            if live == nil, let stored {
                for line in stored.split(separator: "\n", omittingEmptySubsequences: false) {
                    try await writer.write(.buffer(ByteBuffer(string: frame(String(line)))))
                }
            }
            try await writer.write(.buffer(ByteBuffer(string: "event: end\ndata: \(status)\n\n")))
        }
    }

    /// One line as one event; a carriage return would end the `data:` field early.
    static func frame(_ line: String) -> String {
        "data: " + line.replacingOccurrences(of: "\r", with: "") + "\n\n"
    }
}
