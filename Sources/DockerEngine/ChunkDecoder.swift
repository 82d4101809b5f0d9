import NIOCore

/// Something that turns body chunks into values: log lines, JSON lines.
protocol ChunkDecoder: Sendable {
    associatedtype Output: Sendable
    mutating func feed(_ chunk: ByteBuffer) throws -> [Output]
    mutating func finish() throws -> [Output]
}

extension LogLineDecoder: ChunkDecoder {}
extension JSONLineDecoder: ChunkDecoder {}
