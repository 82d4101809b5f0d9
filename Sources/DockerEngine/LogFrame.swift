/// One frame of a multiplexed (non-TTY) log or exec stream.
public struct LogFrame: Sendable, Equatable {
    public var stream: LogStream
    public var payload: [UInt8]

    public init(stream: LogStream, payload: [UInt8]) {
        self.stream = stream
        self.payload = payload
    }
}
