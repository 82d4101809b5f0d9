import DockerEngine
import Foundation
import NIOCore
import Vapor

/// `GET /api/paas/apps/:id/logs`: Server-Sent Events, one `data:` JSON object per line, from every
/// process of the app. `?lines=N` is the history per process, `?follow=0` ends after it.
enum AppLogStream {
    struct Event: Encodable, Sendable {
        let process: String
        /// The Swarm task (container) the line came from, shortened: `web` may run several.
        let task: String?
        let stream: String
        let time: Date?
        let line: String
    }

    @Sendable static func stream(req: Request) async throws -> Response {
        let app = try await AppService(req: req).find(req.idParameter("id", "App"))
        let lines = min(max(req.query[Int.self, at: "lines"] ?? 100, 0), 5000)
        let follow = (req.query[String.self, at: "follow"] ?? "1") != "0"
        let services: [SwarmService]
        do { services = try await req.orchestrator.services(appID: app.requireID()) } catch let error as DockerError { throw AppError.from(error) }
        let docker = req.application.docker
        // A client that goes away shows up as a failed write, at the latest at the next
        // keep-alive, which ends the producers.
        return EventStream.response { writer in
            // Each process's stream feeds one sequence; only this task writes to the connection.
            let (merged, sink) = AsyncStream<String>.makeStream()
            let producers = Task {
                await withTaskGroup(of: Void.self) { group in
                    for service in services {
                        let process = service.spec.labels?["paas.process"] ?? service.spec.name ?? "app"
                        group.addTask {
                            do {
                                let options = LogOptions(follow: follow, timestamps: true, tail: lines, details: true)
                                for try await line in try await docker.services.logs(service.id, options: options) {
                                    let details = line.swarmDetails
                                    let task = details?.attributes["com.docker.swarm.task.id"].map { String($0.prefix(8)) }
                                    sink.yield(frame(Event(process: process, task: task, stream: "\(line.stream)", time: line.timestamp, line: details?.message ?? line.text)))
                                }
                            } catch {
                                sink.yield(frame(Event(process: process, task: nil, stream: "system", time: Date(), line: "log stream ended: \(error)")))
                            }
                        }
                    }
                }
                sink.finish()
            }
            let keepAlive = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(15))
                    sink.yield(": keep-alive\n\n")
                }
            }
            defer {
                producers.cancel()
                keepAlive.cancel()
            }
            try await writer.write(.buffer(ByteBuffer(string: ": \(app.name) logs\n\n")))
            for await frame in merged { try await writer.write(.buffer(ByteBuffer(string: frame))) }
        }
    }

    static func frame(_ event: Event) -> String {
        let data = (try? JSONCoding.encoder.encode(event)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return "data: \(data)\n\n"
    }
}
