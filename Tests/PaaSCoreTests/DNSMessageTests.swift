import Testing
@testable import PaaSCore

@Suite("DNS messages")
struct DNSMessageTests {
    @Test("A query is a header with RD set and one question")
    func query() {
        let bytes = DNSMessage.query(id: 0x1234, name: "_paas-challenge.shop.example.com", type: .txt)
        #expect(Array(bytes.prefix(12)) == [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0])
        #expect(bytes[12] == 15 && String(decoding: bytes[13..<28], as: UTF8.self) == "_paas-challenge")
        #expect(Array(bytes.suffix(5)) == [0, 0, 16, 0, 1])
    }

    /// A response as a server writes it: the question, then answers naming it by pointer (0xC00C).
    static func response(rcode: UInt8 = 0, answers: [[UInt8]]) -> [UInt8] {
        var bytes = DNSMessage.query(id: 7, name: "shop.example.com", type: .txt)
        bytes[2] = 0x81; bytes[3] = 0x80 | rcode
        bytes[7] = UInt8(answers.count)
        for answer in answers { bytes += answer }
        return bytes
    }

    static func record(type: UInt16, data: [UInt8]) -> [UInt8] {
        [0xC0, 0x0C, UInt8(type >> 8), UInt8(type & 0xFF), 0, 1, 0, 0, 0x0E, 0x10, UInt8(data.count >> 8), UInt8(data.count & 0xFF)] + data
    }

    @Test("TXT strings are joined, A is a dotted quad, CNAME follows compression")
    func answers() throws {
        let txt = Self.record(type: 16, data: [5] + Array("paas-".utf8) + [6] + Array("token1".utf8))
        let a = Self.record(type: 1, data: [127, 0, 0, 1])
        let cname = Self.record(type: 5, data: [3] + Array("www".utf8) + [0xC0, 0x0C])
        let response = try DNSMessage.parse(Self.response(answers: [txt, a, cname]))
        #expect(response.id == 7 && response.rcode == 0 && !response.truncated)
        #expect(response.answers.map(\.value) == ["paas-token1", "127.0.0.1", "www.shop.example.com"])
        #expect(response.answers.allSatisfy { $0.name == "shop.example.com" && $0.ttl == 3600 })
    }

    @Test("NXDOMAIN is reported; broken messages are errors, never crashes")
    func errors() throws {
        #expect(try DNSMessage.parse(Self.response(rcode: 3, answers: [])).rcode == 3)
        let good = Self.response(answers: [Self.record(type: 16, data: [4] + Array("abcd".utf8))])
        for cut in [3, 11, 20, good.count - 2] {
            #expect(throws: DNSMessage.ParseError.self) { try DNSMessage.parse(Array(good.prefix(cut))) }
        }
        var loop = Self.response(answers: [])
        loop[7] = 1
        loop += [0xC0, UInt8(loop.count), 0, 16, 0, 1, 0, 0, 0, 0, 0, 0]
        #expect(throws: DNSMessage.ParseError.self) { try DNSMessage.parse(loop) }
        let overlong = Self.response(answers: [Self.record(type: 16, data: [9] + Array("abc".utf8))])
        #expect(throws: DNSMessage.ParseError.self) { try DNSMessage.parse(overlong) }
    }
}
