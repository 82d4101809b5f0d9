import Foundation

/// Query options shared by service and container logs.
public struct LogOptions: Sendable, Equatable {
    /// Keep the stream open and deliver new lines as they are written.
    public var follow: Bool
    public var stdout: Bool
    public var stderr: Bool
    /// Prefix each line with its RFC 3339 time; parsed into `LogLine.timestamp`.
    public var timestamps: Bool
    /// Only the last N lines of the history; `nil` for all of it.
    public var tail: Int?
    public var since: Date?
    /// Service logs only: prefix each line with `com.docker.swarm.task.id=…` and the other
    /// Swarm attributes, so lines can be told apart by task (see `LogLine.swarmDetails`).
    public var details: Bool

    public init(follow: Bool = false, stdout: Bool = true, stderr: Bool = true, timestamps: Bool = false, tail: Int? = nil, since: Date? = nil, details: Bool = false) {
        self.follow = follow
        self.stdout = stdout
        self.stderr = stderr
        self.timestamps = timestamps
        self.tail = tail
        self.since = since
        self.details = details
    }

    var query: [(String, String?)] {
        [
            ("follow", follow ? "1" : "0"),
            ("stdout", stdout ? "1" : "0"),
            ("stderr", stderr ? "1" : "0"),
            ("timestamps", timestamps ? "1" : "0"),
            ("tail", tail.map(String.init) ?? "all"),
            ("since", since.map(SystemAPI.unixTime)),
            ("details", details ? "1" : nil),
        ]
    }
}
