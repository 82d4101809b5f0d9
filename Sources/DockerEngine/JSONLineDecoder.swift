import Foundation
import NIOCore

/// Decodes a stream of JSON documents separated by newlines (events, build
/// and push progress). Chunks split documents anywhere, so bytes wait for
/// their newline; blank lines and `\r\n` endings are tolerated.
public struct JSONLineDecoder<Element: Decodable & Sendable>: Sendable {
    private var buffer: [UInt8] = []

    public init(of type: Element.Type = Element.self) {}

    public mutating func feed(_ chunk: ByteBuffer) throws -> [Element] {
        try feed(chunk.readableBytesView)
    }

    public mutating func feed(_ bytes: some Sequence<UInt8>) throws -> [Element] {
        buffer.append(contentsOf: bytes)
        var elements: [Element] = []
        var start = 0
        while let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
            if let element = try decode(buffer[start..<newline]) { elements.append(element) }
            start = newline + 1
        }
        buffer.removeFirst(start)
        return elements
    }

    /// The last document may end without a newline when the stream closes.
    public mutating func finish() throws -> [Element] {
        defer { buffer.removeAll() }
        return try decode(buffer[...]).map { [$0] } ?? []
    }

    private func decode(_ line: ArraySlice<UInt8>) throws -> Element? {
        let trimmed = line.drop { Self.isSpace($0) }.reversed().drop { Self.isSpace($0) }
        guard !trimmed.isEmpty else { return nil }
        do {
            return try DockerJSON.decoder.decode(Element.self, from: Data(line))
        } catch {
            let sample = String(decoding: line.prefix(200), as: UTF8.self)
            throw DockerError.invalidResponse("bad JSON line (\(error)): \(sample)")
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }
}
