import Foundation

/// One line of container or service output.
public struct LogLine: Sendable, Equatable {
    public var stream: LogStream
    public var text: String
    /// Present when the logs were requested with timestamps.
    public var timestamp: Date?

    public init(stream: LogStream, text: String, timestamp: Date? = nil) {
        self.stream = stream
        self.text = text
        self.timestamp = timestamp
    }
}
