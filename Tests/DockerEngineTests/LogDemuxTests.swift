import Foundation
import NIOCore
import Testing
@testable import DockerEngine

/// One frame as dockerd writes it: [stream][0 0 0][length BE][payload].
func frame(_ stream: UInt8, _ text: String) -> [UInt8] {
    let payload = Array(text.utf8)
    let n = UInt32(payload.count)
    return [stream, 0, 0, 0, UInt8(n >> 24), UInt8((n >> 16) & 0xFF), UInt8((n >> 8) & 0xFF), UInt8(n & 0xFF)] + payload
}

@Suite("Log frame demux")
struct LogDemuxTests {
    @Test func singleFrame() throws {
        var decoder = LogFrameDecoder()
        decoder.append(frame(1, "hello\n"))
        #expect(try decoder.next() == LogFrame(stream: .stdout, payload: Array("hello\n".utf8)))
        #expect(try decoder.next() == nil)
        #expect(decoder.bufferedByteCount == 0)
    }

    @Test func severalFramesInOneBuffer() throws {
        var decoder = LogFrameDecoder()
        decoder.append(frame(1, "a\n") + frame(2, "b\n") + frame(1, ""))
        #expect(try decoder.next()?.stream == .stdout)
        #expect(try decoder.next() == LogFrame(stream: .stderr, payload: Array("b\n".utf8)))
        #expect(try decoder.next() == LogFrame(stream: .stdout, payload: []))
        #expect(try decoder.next() == nil)
    }

    @Test func frameSplitAtEveryOffset() throws {
        let bytes = frame(2, "split me please\n") + frame(1, "second\n")
        for cut in 0...bytes.count {
            var decoder = LogFrameDecoder()
            var frames: [LogFrame] = []
            decoder.append(bytes[..<cut])
            while let f = try decoder.next() { frames.append(f) }
            decoder.append(bytes[cut...])
            while let f = try decoder.next() { frames.append(f) }
            #expect(frames.map(\.stream) == [.stderr, .stdout], "cut at \(cut)")
            #expect(frames.map { String(decoding: $0.payload, as: UTF8.self) } == ["split me please\n", "second\n"])
        }
    }

    @Test func byteByByteReads() throws {
        var lines = LogLineDecoder()
        var out: [LogLine] = []
        for byte in frame(1, "one\ntwo\n") + frame(2, "err\n") {
            out += try lines.feed([byte])
        }
        #expect(out == [LogLine(stream: .stdout, text: "one"), LogLine(stream: .stdout, text: "two"), LogLine(stream: .stderr, text: "err")])
    }

    @Test func largeFrameLength() throws {
        let big = String(repeating: "x", count: 70_000) + "\n"
        var lines = LogLineDecoder()
        let bytes = frame(1, big)
        var out = try lines.feed(bytes[..<30_000])
        #expect(out.isEmpty)
        out = try lines.feed(bytes[30_000...])
        #expect(out.count == 1)
        #expect(out.first?.text.count == 70_000)
    }

    @Test func ttyStreamIsRejectedWhenMultiplexed() {
        var decoder = LogFrameDecoder()
        decoder.append(Array("plain tty output\n".utf8))
        #expect(throws: DockerError.self) { try decoder.next() }
    }

    @Test func linesSpanFramesPerStream() throws {
        var lines = LogLineDecoder()
        var out = try lines.feed(frame(1, "hel") + frame(2, "warn") + frame(1, "lo\nwor"))
        #expect(out == [LogLine(stream: .stdout, text: "hello")])
        out = try lines.feed(frame(2, "ing\r\n") + frame(1, "ld"))
        #expect(out == [LogLine(stream: .stderr, text: "warning")])
        #expect(lines.finish() == [LogLine(stream: .stdout, text: "world")])
    }

    @Test func rawModeForTTYContainers() throws {
        var lines = LogLineDecoder(multiplexed: false)
        let out = try lines.feed(Array("a\nb\npartial".utf8))
        #expect(out.map(\.text) == ["a", "b"])
        #expect(lines.finish().map(\.text) == ["partial"])
    }

    @Test func timestampsAreParsed() throws {
        var lines = LogLineDecoder(timestamps: true)
        let out = try lines.feed(ByteBuffer(bytes: frame(1, "2024-05-01T12:34:56.123456789Z tick 1\n")))
        #expect(out.count == 1)
        #expect(out[0].text == "tick 1")
        let expected = Date(timeIntervalSince1970: 1_714_566_896.123456789)
        #expect(abs((out[0].timestamp ?? .distantPast).timeIntervalSince(expected)) < 0.000_01)
    }

    @Test func unparsableTimestampKeepsWholeLine() throws {
        var lines = LogLineDecoder(timestamps: true)
        let out = try lines.feed(frame(1, "not-a-time hello\n"))
        #expect(out == [LogLine(stream: .stdout, text: "not-a-time hello")])
    }

    @Test(arguments: [
        ("1970-01-01T00:00:00Z", 0.0),
        ("2000-02-29T23:59:59.5Z", 951_868_799.5),
        ("2024-05-01T14:34:56+02:00", 1_714_566_896.0),
        ("2024-05-01T10:34:56.000-02:00", 1_714_566_896.0),
    ])
    func rfc3339(text: String, seconds: Double) {
        #expect(RFC3339.parse(Substring(text))?.timeIntervalSince1970 == seconds)
    }

    @Test(arguments: ["", "2024-05-01", "2024-13-01T00:00:00Z", "2024-05-01T00:00:00", "2024-05-01T00:00:00.Z", "2024-05-01T00:00:00Zjunk"])
    func rfc3339Rejects(text: String) {
        #expect(RFC3339.parse(Substring(text)) == nil)
    }
}

@Suite("Swarm log details")
struct SwarmLogDetailsTests {
    @Test("details=1 attributes are split from the message")
    func details() throws {
        let line = LogLine(stream: .stdout, text: "com.docker.swarm.node.id=n1,com.docker.swarm.service.id=s1,com.docker.swarm.task.id=t123456789 GET / 200")
        let parsed = try #require(line.swarmDetails)
        #expect(parsed.attributes["com.docker.swarm.task.id"] == "t123456789")
        #expect(parsed.message == "GET / 200")
        #expect(LogLine(stream: .stdout, text: "plain line").swarmDetails == nil)
        #expect(LogOptions(details: true).query.contains { $0.0 == "details" && $0.1 == "1" })
    }
}
