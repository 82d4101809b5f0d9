import NIOCore

/// Splits Docker's multiplexed stream into frames:
/// `[stream: 1 byte][0, 0, 0][length: UInt32 big-endian][payload]`.
/// Network chunks cut frames anywhere, so bytes are buffered until a whole
/// frame is present.
public struct LogFrameDecoder: Sendable {
    private var buffer = ByteBuffer()
    static let headerSize = 8

    public init() {}

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer.writeBytes(bytes)
    }

    public mutating func append(_ chunk: ByteBuffer) {
        var chunk = chunk
        buffer.writeBuffer(&chunk)
    }

    /// Bytes received that do not yet form a whole frame.
    public var bufferedByteCount: Int { buffer.readableBytes }

    /// The next complete frame, or `nil` until more bytes arrive. Throws when
    /// the header is impossible, which is what a TTY (raw) stream looks like.
    public mutating func next() throws -> LogFrame? {
        guard buffer.readableBytes >= Self.headerSize else { return nil }
        let start = buffer.readerIndex
        guard let kind = buffer.getInteger(at: start, as: UInt8.self),
              let padding = buffer.getBytes(at: start + 1, length: 3),
              let length = buffer.getInteger(at: start + 4, endianness: .big, as: UInt32.self)
        else { return nil }
        guard let stream = LogStream(rawValue: kind), padding == [0, 0, 0] else {
            throw DockerError.invalidResponse(
                "not a multiplexed stream (header \(kind) \(padding)); was the container started with a TTY?")
        }
        guard buffer.readableBytes >= Self.headerSize + Int(length) else { return nil }
        buffer.moveReaderIndex(forwardBy: Self.headerSize)
        let payload = buffer.readBytes(length: Int(length)) ?? []
        // Reclaim consumed space now and then instead of growing forever on a long follow.
        if buffer.readerIndex > 64 * 1024 { buffer.discardReadBytes() }
        return LogFrame(stream: stream, payload: payload)
    }
}
