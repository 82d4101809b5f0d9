import Foundation
import NIOCore

/// Turns a log byte stream into lines. Frames do not align with lines: a long
/// line arrives in several frames and one frame may hold several lines, so
/// each output stream keeps its own unfinished line.
public struct LogLineDecoder: Sendable {
    private var frames = LogFrameDecoder()
    private var pending: [LogStream: [UInt8]] = [:]
    private var order: [LogStream] = []
    public let multiplexed: Bool
    public let timestamps: Bool

    /// - Parameters:
    ///   - multiplexed: false for containers with a TTY, whose output is raw stdout.
    ///   - timestamps: true when requested with `timestamps=1`; each line then starts with RFC 3339 time.
    public init(multiplexed: Bool = true, timestamps: Bool = false) {
        self.multiplexed = multiplexed
        self.timestamps = timestamps
    }

    public mutating func feed(_ chunk: ByteBuffer) throws -> [LogLine] {
        try feed(chunk.readableBytesView)
    }

    public mutating func feed(_ bytes: some Sequence<UInt8>) throws -> [LogLine] {
        var lines: [LogLine] = []
        if multiplexed {
            frames.append(bytes)
            while let frame = try frames.next() {
                absorb(frame.payload, from: frame.stream, into: &lines)
            }
        } else {
            absorb(Array(bytes), from: .stdout, into: &lines)
        }
        return lines
    }

    /// Emits unfinished lines at the end of the stream. A frame cut short is
    /// dropped: the connection ended mid-frame, and half a header is not text.
    public mutating func finish() -> [LogLine] {
        var lines: [LogLine] = []
        for stream in order {
            if let rest = pending[stream], !rest.isEmpty {
                lines.append(makeLine(rest[...], stream: stream))
            }
        }
        pending.removeAll()
        order.removeAll()
        return lines
    }

    private mutating func absorb(_ payload: [UInt8], from stream: LogStream, into lines: inout [LogLine]) {
        if pending[stream] == nil { order.append(stream) }
        var buffer = pending[stream, default: []]
        buffer.append(contentsOf: payload)
        var start = buffer.startIndex
        while let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
            lines.append(makeLine(buffer[start..<newline], stream: stream))
            start = newline + 1
        }
        pending[stream] = Array(buffer[start...])
    }

    private func makeLine(_ bytes: ArraySlice<UInt8>, stream: LogStream) -> LogLine {
        var bytes = bytes
        if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
        let text = String(decoding: bytes, as: UTF8.self)
        guard timestamps, let space = text.firstIndex(of: " "),
              let date = RFC3339.parse(text[..<space]) else {
            return LogLine(stream: stream, text: text)
        }
        return LogLine(stream: stream, text: String(text[text.index(after: space)...]), timestamp: date)
    }
}
