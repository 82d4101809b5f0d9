import NIOCore

/// Plain containers on the engine's own node, for work outside Swarm.
public struct ContainersAPI: Sendable {
    let client: DockerClient

    /// Returns the new container's ID. A taken `name` answers `conflict`.
    @discardableResult
    public func create(name: String? = nil, _ request: ContainerCreateRequest) async throws -> String {
        var call = DockerRequest(.POST, "/containers/create", query: [("name", name)])
        try call.jsonBody(request)
        struct Answer: Decodable { var Id: String }
        return try await client.json(call, as: Answer.self).Id
    }

    /// Starting a running container is not an error (the engine answers 304).
    public func start(_ id: String) async throws {
        try await client.send(DockerRequest(.POST, "/containers/\(DockerRequest.segment(id))/start"))
    }

    /// Sends SIGTERM, then SIGKILL after `timeoutSeconds`.
    public func stop(_ id: String, timeoutSeconds: Int? = nil) async throws {
        var request = DockerRequest(.POST, "/containers/\(DockerRequest.segment(id))/stop",
                                    query: [("t", timeoutSeconds.map(String.init))])
        request.timeout = .seconds(Int64(timeoutSeconds ?? 10) + 30)
        try await client.send(request)
    }

    public func inspect(_ idOrName: String) async throws -> ContainerDetails {
        try await client.json(DockerRequest(.GET, "/containers/\(DockerRequest.segment(idOrName))/json"))
    }

    public func list(all: Bool = false, filters: DockerFilters = DockerFilters()) async throws -> [ContainerSummary] {
        try await client.json(DockerRequest(.GET, "/containers/json", query: [
            ("all", all ? "1" : nil),
            ("filters", filters.queryValue),
        ]))
    }

    /// Blocks until the container stops and returns its exit code.
    public func wait(_ id: String, condition: String = "not-running") async throws -> Int {
        var request = DockerRequest(.POST, "/containers/\(DockerRequest.segment(id))/wait",
                                    query: [("condition", condition)])
        request.timeout = nil
        struct Answer: Decodable { var StatusCode: Int }
        return try await client.json(request, as: Answer.self).StatusCode
    }

    /// Output as lines. A container made with a TTY sends raw bytes instead of
    /// frames; pass `tty` when known, otherwise it is looked up first.
    public func logs(_ id: String, options: LogOptions = LogOptions(), tty: Bool? = nil) async throws
        -> AsyncThrowingStream<LogLine, any Error>
    {
        let isTTY: Bool
        if let tty { isTTY = tty } else { isTTY = try await inspect(id).config?.tty ?? false }
        let request = DockerRequest(.GET, "/containers/\(DockerRequest.segment(id))/logs", query: options.query)
        return try await client.stream(request, decoder: LogLineDecoder(multiplexed: !isTTY, timestamps: options.timestamps))
    }

    public func remove(_ id: String, force: Bool = false, volumes: Bool = false) async throws {
        try await client.send(DockerRequest(.DELETE, "/containers/\(DockerRequest.segment(id))", query: [
            ("force", force ? "1" : nil),
            ("v", volumes ? "1" : nil),
        ]))
    }

    /// Runs a command in a running container and waits for it to finish.
    public func exec(
        _ id: String,
        command: [String],
        env: [String]? = nil,
        user: String? = nil,
        workingDir: String? = nil
    ) async throws -> ExecResult {
        struct CreateBody: Encodable {
            var AttachStdout = true
            var AttachStderr = true
            var Cmd: [String]
            var Env: [String]?
            var User: String?
            var WorkingDir: String?
        }
        var create = DockerRequest(.POST, "/containers/\(DockerRequest.segment(id))/exec")
        try create.jsonBody(CreateBody(Cmd: command, Env: env, User: user, WorkingDir: workingDir))
        struct Created: Decodable { var Id: String }
        let execID = try await client.json(create, as: Created.self).Id

        // Without an Upgrade header the engine still hijacks the connection:
        // it sends the multiplexed output and closes when the command ends.
        var start = DockerRequest(.POST, "/exec/\(DockerRequest.segment(execID))/start")
        try start.jsonBody(["Detach": false, "Tty": false])
        start.timeout = nil
        var stdout: [String] = []
        var stderr: [String] = []
        for try await line in try await client.stream(start, decoder: LogLineDecoder(multiplexed: true)) {
            if line.stream == .stderr { stderr.append(line.text) } else { stdout.append(line.text) }
        }

        struct Inspect: Decodable { var ExitCode: Int?; var Running: Bool }
        let state = try await client.json(DockerRequest(.GET, "/exec/\(DockerRequest.segment(execID))/json"), as: Inspect.self)
        return ExecResult(exitCode: state.ExitCode ?? -1, stdout: stdout.joined(separator: "\n"), stderr: stderr.joined(separator: "\n"))
    }
}
