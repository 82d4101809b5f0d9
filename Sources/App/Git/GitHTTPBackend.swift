import Foundation
import NIOCore
import Vapor

/// Runs the real `git http-backend` as a CGI program for one request: the request body is fed to
/// its stdin as it arrives, and its stdout is streamed back as the response, so a clone or a push
/// of any size never sits in memory and hook output reaches the client while it is written.
struct GitHTTPBackend {
    let req: Request
    let projectRoot: String
    /// Hook variables for this request (the push token and where to send the build).
    let hookEnvironment: [String: String]

    func respond(pathInfo: String, remoteUser: String, maxBodyBytes: Int64, onFinish: @escaping @Sendable () async -> Void) async throws -> Response {
        var env = GitCommand.environment(hookEnvironment)
        env["GIT_PROJECT_ROOT"] = projectRoot
        env["GIT_HTTP_EXPORT_ALL"] = "1"
        env["PATH_INFO"] = pathInfo
        env["REQUEST_METHOD"] = req.method.rawValue
        env["QUERY_STRING"] = req.url.query ?? ""
        env["CONTENT_TYPE"] = req.headers.first(name: .contentType) ?? ""
        env["REMOTE_USER"] = remoteUser
        env["REMOTE_ADDR"] = req.clientIP ?? "127.0.0.1"
        if let encoding = req.headers.first(name: .contentEncoding) { env["HTTP_CONTENT_ENCODING"] = encoding }
        if let protocolHeader = req.headers.first(name: "Git-Protocol") { env["GIT_PROTOCOL"] = protocolHeader }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: GitCommand.executable)
        process.arguments = ["http-backend"]
        process.environment = env
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()

        let logger = req.logger
        Task { await Self.logErrors(errors.fileHandleForReading, logger: logger) }
        feed(input.fileHandleForWriting, limit: maxBodyBytes)

        let reader = PipeReader(handle: output.fileHandleForReading)
        let head = try await CGIHead.read(from: reader)
        var headers = HTTPHeaders()
        for (name, value) in head.headers where name.lowercased() != "status" { headers.add(name: name, value: value) }
        headers.replaceOrAdd(name: .cacheControl, value: "no-cache")
        let body = Response.Body(asyncStream: { writer in
            do {
                if !head.rest.isEmpty { try await writer.write(.buffer(ByteBuffer(bytes: head.rest))) }
                while let chunk = try await reader.next() { try await writer.write(.buffer(ByteBuffer(bytes: chunk))) }
                try await writer.write(.end)
            } catch {
                try? await writer.write(.error(error))
            }
            // A client that went away must not leave git waiting for input or output.
            if process.isRunning { process.terminate() }
            try? await Blocking.run { process.waitUntilExit() }
            await onFinish()
        })
        return Response(status: head.status, headers: headers, body: body)
    }

    /// Copies the request body to git's stdin, stopping at the configured size: git then sees a
    /// truncated pack and says so, which the client prints.
    private func feed(_ handle: FileHandle, limit: Int64) {
        let body = req.body
        let logger = req.logger
        Task {
            var total: Int64 = 0
            do {
                for try await chunk in body {
                    total += Int64(chunk.readableBytes)
                    if total > limit {
                        logger.warning("git request body over \(limit) bytes; cut off")
                        break
                    }
                    let data = Data(chunk.readableBytesView)
                    try await Blocking.run { try handle.write(contentsOf: data) }
                }
            } catch {
                logger.info("git request body ended early: \(error)")
            }
            try? handle.close()
        }
    }

    private static func logErrors(_ handle: FileHandle, logger: Logger) async {
        let reader = PipeReader(handle: handle)
        while let chunk = try? await reader.next() {
            let text = String(decoding: chunk, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty { logger.info("git http-backend: \(text)") }
        }
    }
}

/// Pipe reads off the event loops and the cooperative pool (see `Blocking`).
struct PipeReader: Sendable {
    let handle: FileHandle

    /// The next bytes, or nil at end of file.
    func next() async throws -> Data? {
        let handle = self.handle
        let data = try await Blocking.run { handle.availableData }
        return data.isEmpty ? nil : data
    }
}
